import { conceal } from '../../helpers/secrets';
import type { ScnetAnswer } from '../answer';
import type { ScnetFailure } from '../errorCodes';
import type { ScnetCredentials } from '../exchange';
import { credentialSecrets } from './session';

/** The credential type's display name: how a remedy names the credential where the node does not know which one it uses. */
export const CREDENTIAL_TYPE_DISPLAY_NAME = 'SCNet API';

const BY_TYPE = `'${CREDENTIAL_TYPE_DISPLAY_NAME}' credential`;

/**
 * The failure with its remedy naming the credential the node uses as the user saved it ("paste it
 * into 'Token' in the 'SCNet production' credential"), not by its type. Without a saved name the
 * type's display name stays. A name that holds a secret of the credential is concealed, like
 * anything else a message says.
 */
export function namingCredential(failure: ScnetFailure, savedName: string | undefined, secrets: readonly string[]): ScnetFailure {
	const name = conceal(String(savedName ?? '').trim(), secrets);
	if (name === '' || !failure.description.includes(BY_TYPE)) return failure;
	return { ...failure, description: failure.description.split(BY_TYPE).join(`'${name}' credential`) };
}

/** An answer whose failure, if any, names the credential of the request as the user saved it. */
export function inSavedCredential(answer: ScnetAnswer, credentials: ScnetCredentials): ScnetAnswer {
	if (answer.ok) return answer;
	return { ...answer, failure: namingCredential(answer.failure, credentials.name, credentialSecrets(credentials.data)) };
}
