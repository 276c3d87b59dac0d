import { causeChain } from '../../helpers/causes';
import type { ScnetFailure } from '../errorCodes';

/**
 * Why n8n could not get a token for the container service. Thrown from the credential's
 * `preAuthentication`; n8n wraps it on the way to the node (which reports it for every container)
 * and to the credential test (which shows its message). It carries no `code` property on purpose:
 * n8n's credential test would show that code instead of the message.
 */
export class SignInError extends Error {
	constructor(
		readonly failure: ScnetFailure,
		/** A passing fault (a dropped connection, a timeout): the request may be tried again. */
		readonly transient = false,
	) {
		super(failure.message);
		this.name = 'ScnetSignInError';
	}
}

/** Finds a sign-in error in what n8n threw (it nests the original error as `cause`). */
export function findSignInError(error: unknown): SignInError | undefined {
	return causeChain(error).find(
		(candidate): candidate is SignInError => (candidate as Error).name === 'ScnetSignInError' && 'failure' in candidate,
	);
}

export function signInFailure(code: string, message: string, description: string): SignInError {
	return new SignInError({ code, message, description, scope: 'account' });
}
