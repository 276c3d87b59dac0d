import { conceal, concealDeep, concealFailure } from '../../nodes/shared/helpers/secrets';
import { networkFailure } from '../../nodes/shared/transport/networkFailure';

describe('secrets are concealed whatever their length', () => {
	it('masks short secrets too, and a secret that holds another whole', () => {
		expect(conceal('pw is abc, token abc123', ['abc', 'abc123'])).toBe('pw is [secret], token [secret]');
	});

	it('masks texts at any depth, and leaves an answer without secrets as it is (the same object)', () => {
		const data = { list: [{ note: 'tok-9' }, { note: 'none' }], 'tok-9': 1 };
		expect(concealDeep(data, ['tok-9'])).toEqual({ list: [{ note: '[secret]' }, { note: 'none' }], '[secret]': 1 });
		const clean = { list: [{ note: 'none' }] };
		expect(concealDeep(clean, ['tok-9'])).toBe(clean);
	});

	it("masks a failure's code as well as its texts", () => {
		expect(concealFailure({ code: 'tok-9', message: 'bad tok-9', description: 'tok-9?', scope: 'batch' }, ['tok-9'])).toEqual({
			code: '[secret]',
			message: 'bad [secret]',
			description: '[secret]?',
			scope: 'batch',
		});
	});
});

describe('TLS faults by their kind', () => {
	const fault = (code: string) => networkFailure(Object.assign(new Error('raw openssl text'), { code }), 1000);

	it.each([
		['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'The TLS handshake with the SCNet server failed (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED)'],
		['ERR_SSL_WRONG_VERSION_NUMBER', 'The TLS protocol with the SCNet server failed (ERR_SSL_WRONG_VERSION_NUMBER)'],
		['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'The TLS protocol with the SCNet server failed (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION)'],
		['EPROTO', 'The TLS protocol with the SCNet server failed (EPROTO)'],
		['ERR_TLS_CERT_ALTNAME_INVALID', "The SCNet server's TLS certificate could not be verified"],
		['CERT_NOT_YET_VALID', "The SCNet server's TLS certificate could not be verified"],
	])('%s: %s, sent nothing', (code, message) => {
		expect(fault(code)).toMatchObject({ failure: { code, message }, unsent: true, transient: false });
	});
});
