/*
 * The transport: one client for every SCNet service. `client.ts` sends and retries,
 * `liveSession.ts` keeps a signed-in session alive, `exchange.ts` makes one HTTP exchange,
 * `services.ts` knows where each service is, `bodies.ts` encodes what a request carries,
 * `answer.ts` reads what comes back; `auth/` holds the credential's hooks.
 */
export type { ScnetResult } from './answer';
export type { FieldValues, MultipartPart } from './bodies';
export { ScnetClient, type RequestData, type RequestSettings } from './client';
export { isTokenRefusal } from './errorCodes';
export { CREDENTIAL_TYPE, type ScnetContext } from './exchange';
export type { ScnetService } from './services';
