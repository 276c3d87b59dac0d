/*
 * The credential's hooks: `signIn` is its `preAuthentication` (access key or password, region
 * discovery), `authorise` its `authenticate` (service URL, token header, renewal on request).
 */
export { authorise } from './authorise';
export { signIn } from './signIn';
export { DEFAULT_SIGN_IN_URL } from './signInCall';
