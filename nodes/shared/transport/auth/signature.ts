import { createHmac } from 'node:crypto';

/**
 * SCNet's Access Key signature: the lowercase hex HMAC-SHA256, keyed with the secret key, of the
 * compact JSON `{"accessKey":…,"timestamp":…,"user":…}` with the keys in exactly that order.
 */
export function accessKeySignature(user: string, accessKey: string, timestamp: string, secretKey: string): string {
	const payload = JSON.stringify({ accessKey, timestamp, user });
	return createHmac('sha256', secretKey).update(payload, 'utf8').digest('hex');
}
