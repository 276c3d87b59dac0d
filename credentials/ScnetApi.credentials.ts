import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authorise, DEFAULT_SIGN_IN_URL, signIn } from '../nodes/shared/transport/auth';
import { DEFAULT_CENTER_URL } from '../nodes/shared/transport/services';
import { CONTAINER } from '../nodes/shared/transport/endpoints';
import { documentedCodeRules, noCodeRules, otherTextCodeRules } from './credentialTestRules';

// A switch, not a secret. n8n's lint takes any field named like '…Cert…' for a secret, so the
// property is declared here, apart from the list it checks.
const allowUnauthorizedCerts: INodeProperties = {
	displayName: 'Ignore SSL Issues (Insecure)',
	name: 'allowUnauthorizedCerts',
	type: 'boolean',
	default: false,
	description: 'Whether to connect even if SSL certificate validation is not possible',
};

// n8n's credential test shows a rule's fixed message, whichever the mode: so it names each mode's remedy.
const TOKEN_REFUSED =
	"SCNet refused the token. Access Token: paste a fresh token of the region into 'Token'. Access Key or Password: n8n has just signed in, so check that the user may use containers in this region";

const REDIRECTED =
	"The container service answered with a redirect, which n8n does not follow so that the token cannot be sent to another address. Put the address it redirects to in 'Container Service URL'";

const SIGNS_IN = { show: { authentication: ['accessKey', 'password'] } };
const ACCESS_KEY = { show: { authentication: ['accessKey'] } };
const PASSWORD = { show: { authentication: ['password'] } };
const ACCESS_TOKEN = { show: { authentication: ['accessToken'] } };

export class ScnetApi implements ICredentialType {
	name = 'scnetApi';

	displayName = 'SCNet API';

	icon: Icon = { light: 'file:../nodes/Scnet/scnet.svg', dark: 'file:../nodes/Scnet/scnet.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-scnet/n8n-nodes-scnet#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Access Key (recommended)',
					value: 'accessKey',
					description: 'Sign in with an access key and secret key; n8n renews the token by itself',
				},
				{
					name: 'Password',
					value: 'password',
					description: 'Sign in with user name, password and organization ID; n8n renews the token by itself',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'Paste a region token by hand; it expires within about a day',
				},
			],
			default: 'accessKey',
			description: 'How n8n gets the token SCNet expects on every request',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			displayOptions: SIGNS_IN,
			description: 'Your SCNet user name (the one you log in to the SCNet console with)',
		},
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: ACCESS_KEY,
			description: "The 'Accesskey' column of the key file from the SCNet user centre, Access Control",
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: ACCESS_KEY,
			description: "The 'Secretkey' column of the same file. It signs the sign-in request and is never sent.",
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: PASSWORD,
			description: 'Your SCNet password',
		},
		{
			displayName: 'Organization ID',
			name: 'orgId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: PASSWORD,
			description: 'The organization code (orgId) SCNet issued to your organization for API access',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: ACCESS_TOKEN,
			description: "The region's access token (a JWT starting with 'eyJ'). It is sent only in the 'token' request header.",
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: '',
			placeholder: 'e.g. 11112 or the region name',
			displayOptions: SIGNS_IN,
			description:
				'Optional. The computing region whose services to use, by cluster name or ID. Leave empty to use the first region that has a container service.',
		},
		{
			displayName: 'Container Service URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api01.example.com:65106',
			displayOptions: SIGNS_IN,
			description:
				"Optional. Leave empty to use the URL region discovery finds. Filling in any service URL skips discovery (e.g. for a private deployment): then fill in each service you use. A trailing '/' or '/ai' is fine.",
		},
		{
			displayName: 'HPC Service URL',
			name: 'hpcUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api01.example.com:65106',
			displayOptions: SIGNS_IN,
			description:
				"Optional, for Slurm jobs. Leave empty to use the 'hpcUrls' entry region discovery finds. A trailing '/' or '/hpc' is fine.",
		},
		{
			displayName: 'File Service URL',
			name: 'efileUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api01.example.com:65103',
			displayOptions: SIGNS_IN,
			description:
				"Optional, for files. Leave empty to use the first enabled 'efileUrls' entry region discovery finds. A trailing '/' or '/efile' is fine.",
		},
		{
			displayName: 'Container Service URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api01.example.com:65106',
			displayOptions: ACCESS_TOKEN,
			description:
				"For containers: the container service URL of your region (the 'aiUrls' entry of region discovery). A trailing '/' or '/ai' is fine. Leave empty only if you do not use containers: fill in the URL of each service you use, at least one.",
		},
		{
			displayName: 'HPC Service URL',
			name: 'hpcUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api01.example.com:65106',
			displayOptions: ACCESS_TOKEN,
			description:
				"For Slurm jobs: the 'hpcUrls' entry of region discovery. A trailing '/' or '/hpc' is fine. Leave empty if you do not use jobs.",
		},
		{
			displayName: 'File Service URL',
			name: 'efileUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api01.example.com:65103',
			displayOptions: ACCESS_TOKEN,
			description:
				"For files: an 'efileUrls' entry of region discovery. A trailing '/' or '/efile' is fine. Leave empty if you do not use files.",
		},
		{
			displayName: 'Sign-in URL',
			name: 'authUrl',
			type: 'string',
			default: '',
			placeholder: `e.g. ${DEFAULT_SIGN_IN_URL}`,
			displayOptions: SIGNS_IN,
			description: `Optional. Leave empty to sign in at SCNet's public API (${DEFAULT_SIGN_IN_URL}); fill it in only for a private SCNet deployment.`,
		},
		{
			displayName: 'Region Discovery URL',
			name: 'centerUrl',
			type: 'string',
			default: '',
			placeholder: `e.g. ${DEFAULT_CENTER_URL}`,
			displayOptions: SIGNS_IN,
			description: `Optional. Leave empty to look up the region's service URLs at SCNet's public platform (${DEFAULT_CENTER_URL}); fill it in only for a private SCNet deployment.`,
		},
		{
			displayName: 'Region Discovery URL',
			name: 'centerUrl',
			type: 'string',
			default: '',
			placeholder: `e.g. ${DEFAULT_CENTER_URL}`,
			displayOptions: ACCESS_TOKEN,
			description: `Optional. Where the platform's own calls go (Account → Get). Leave empty to use SCNet's public platform (${DEFAULT_CENTER_URL}); fill it in only for a private SCNet deployment.`,
		},
		{
			displayName: 'Cluster User',
			name: 'clusterUser',
			type: 'string',
			default: '',
			placeholder: 'e.g. acx3fh878f',
			description:
				"Optional. The Linux user your Slurm jobs run as, which may differ from your login name. Leave empty to use the one SCNet gives (region discovery, or the token).",
		},
		allowUnauthorizedCerts,
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session',
			name: 'session',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Platform Token',
			name: 'platformToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	preAuthentication = signIn;

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return authorise(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		// The credential points the request at the container service (after signing in, if it does).
		request: { url: CONTAINER.resourceGroups, method: 'GET' },
		// SCNet may refuse a token with HTTP 401/403 or with HTTP 200 and an error code in the body.
		// n8n checks both kinds of rule in one list, though the type names them apart.
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: TOKEN_REFUSED } },
			{ type: 'responseCode', properties: { value: 403, message: TOKEN_REFUSED } },
			{ type: 'responseCode', properties: { value: 404, message: 'No SCNet container API at the container service URL: check the host, port and path' } },
			// The token is never sent on to where a redirect points (the node follows one only within the same host).
			...[301, 302, 303, 307, 308].map((value) => ({ type: 'responseCode', properties: { value, message: REDIRECTED } })),
			// Then the body, which must carry code "0" (see credentialTestRules.ts for why it takes so many rules).
			...noCodeRules(),
			...documentedCodeRules({
				'10007': 'The SCNet account is frozen: unfreeze it or top it up in the SCNet user centre',
				'10008': TOKEN_REFUSED,
				'10009': 'The token has no permission to access the container API: use a token of the region that hosts the containers',
			}),
			...otherTextCodeRules(),
		] as ICredentialTestRequest['rules'],
	};
}
