import type { ScnetAnswer } from './answer';
import { describeRegion } from './auth/regions';
import { announceRenewal, renewalUnderWay, type RenewedSession } from './auth/renewals';
import { authenticationOf, readSession, sessionIsDue } from './auth/session';
import { isTokenRefusal } from './errorCodes';
import type { ScnetCall, ScnetCredentials } from './exchange';
import { REGION_SERVICES } from './services';

/** One exchange, with a renewal of `staleToken` first when it is given. */
export type Send = (call: ScnetCall, staleToken?: string) => Promise<ScnetAnswer>;

/**
 * Keeps the session of a credential that signs in alive for one client: renews it first when it
 * is due, and once more, with the request sent again, when SCNet refuses the token (a refused
 * request was not carried out, so this holds for creates too). Renewals are shared with every
 * other request of this n8n process that holds the same stale token.
 */
export class LiveSession {
	/** How often this client's session was replaced (by its own sign-in or another request's). */
	replaced = 0;

	/** A sign-in SCNet refused in this execution: not tried again, so wrong keys cannot lock the account. */
	private refusedSignIn: ScnetAnswer | undefined;

	constructor(
		/** n8n writes a renewed session into it, so it always holds the current token. */
		private readonly credentials: ScnetCredentials,
		private readonly send: Send,
	) {}

	async request(call: ScnetCall): Promise<ScnetAnswer> {
		const credentials = this.credentials.data;
		if (authenticationOf(credentials) === 'accessToken') return this.send(call);
		await this.adoptRenewalUnderWay(String(credentials.sessionToken ?? ''));
		if (this.refusedSignIn) return this.refusedSignIn;
		const token = String(credentials.sessionToken ?? '');
		const due = sessionIsDue(credentials);
		let answer = this.keepRefusal(due ? await this.renewThenSend(call, token) : await this.send(call));
		// A platform token refused is no reason to sign in again: the caller may try the region's token.
		if (!due && refuses(answer) && call.token !== 'platform') answer = await this.renewThenSend(call, token);
		if (answer.ok || !refuses(answer)) return answer;
		const region = readSession(credentials)?.region;
		const where = region ? `region ${describeRegion(region)}` : "the credential's region";
		const what = call.service === 'platform' ? 'the SCNet platform' : REGION_SERVICES[call.service].use;
		const description = `SCNet refused a token n8n had just received by signing in with the credential. Check that the user may use ${what} in ${where}.`;
		return { ...answer, failure: { ...answer.failure, description } };
	}

	/** Keeps a refused sign-in, so that no later request of this client signs in again. */
	private keepRefusal(answer: ScnetAnswer): ScnetAnswer {
		if (!answer.ok && answer.signIn && !answer.transient) this.refusedSignIn = answer;
		return answer;
	}

	/**
	 * Replaces `staleToken` and sends the request. If another request of this n8n process (this
	 * execution or another) is replacing the same token, its new one is taken instead of signing in
	 * again; otherwise n8n signs in before sending, and the others wait for this renewal. Looking
	 * and announcing happen in one step (no `await` between), so two requests cannot both sign in.
	 */
	private async renewThenSend(call: ScnetCall, staleToken: string): Promise<ScnetAnswer> {
		for (let pending = renewalUnderWay(this.credentials.id, staleToken); pending; pending = renewalUnderWay(this.credentials.id, staleToken)) {
			const renewed = await pending;
			if (renewed) {
				this.adopt(renewed);
				return this.send(call);
			}
			if (this.refusedSignIn) return this.refusedSignIn;
		}
		let settle: (renewed: RenewedSession | undefined) => void = () => {};
		const withdraw = announceRenewal(this.credentials.id, staleToken, new Promise((resolve) => (settle = resolve)));
		try {
			// A refused sign-in is kept before the waiters look again.
			const answer = this.keepRefusal(await this.send(call, staleToken));
			const renewed = this.sessionReplacing(staleToken);
			if (renewed) this.replaced++;
			settle(renewed);
			return answer;
		} finally {
			// After a throw: the waiters sign in themselves (a settled promise ignores a second call).
			settle(undefined);
			withdraw();
		}
	}

	/** Waits for a renewal of `token` under way in this process and takes its session. */
	private async adoptRenewalUnderWay(token: string): Promise<void> {
		const renewed = await renewalUnderWay(this.credentials.id, token);
		if (renewed) this.adopt(renewed);
	}

	/** Takes the session another request of this process signed in for. */
	private adopt(renewed: RenewedSession): void {
		Object.assign(this.credentials.data, renewed);
		this.replaced++;
	}

	/** The credential's session if it no longer holds `staleToken` (n8n writes a renewal into it). */
	private sessionReplacing(staleToken: string): RenewedSession | undefined {
		const { sessionToken, session, platformToken } = this.credentials.data;
		return typeof sessionToken === 'string' && sessionToken !== '' && sessionToken !== staleToken
			? { sessionToken, session: String(session ?? ''), platformToken: String(platformToken ?? '') }
			: undefined;
	}
}

function refuses(answer: ScnetAnswer): answer is Extract<ScnetAnswer, { ok: false }> {
	return !answer.ok && isTokenRefusal(answer.failure);
}
