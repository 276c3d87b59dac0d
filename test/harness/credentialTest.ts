import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { ScnetApi } from '../../credentials/ScnetApi.credentials';
import { SCNET_CREDENTIAL_REF, TestCredentialsHelper } from './credentialsHelper';
import { createAdditionalData } from './runWorkflow';
import { onlyNodeType } from './singleNode';

// n8n's credentials tester reads the body rules with lodash's get; lodash comes with n8n-core, without typings.
const get = require('lodash/get') as (object: unknown, path: string) => unknown;

/**
 * Runs the credential's `test` the way n8n's credentials tester (packages/cli,
 * credentials-tester.service.ts) does: the declared request goes through n8n-core's RoutingNode on
 * a stand-in node, then the HTTP status rules and the body rules decide, in that order.
 */
export async function testCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const credentialType = new ScnetApi();
	const { request, rules = [] } = credentialType.test;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: SCNET_CREDENTIAL_REF,
	};
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: 'scnetApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' }],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: onlyNodeType(nodeType),
	});
	const helper = new TestCredentialsHelper({ scnetApi: credentialType }, { scnetApi: { ...data } });
	const decrypted = await helper.getDecrypted(undefined, SCNET_CREDENTIAL_REF.scnetApi, 'scnetApi');
	const context = new ExecuteContext(
		workflow,
		node,
		createAdditionalData(helper),
		'internal',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, {
			id: '1',
			name: 'SCNet account',
			type: 'scnetApi',
			data: decrypted,
		}).runNode();
	} catch (error) {
		const status = error.cause?.response?.status as number | undefined;
		if (status !== undefined) {
			for (const rule of rules) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: error.cause.response.statusText || `Received HTTP status code: ${status}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of rules) {
		if (rule.type === 'responseSuccessBody') {
			// As n8n does: the key is a lodash path ('code.length'), read from the first item, which
			// for a body that is not JSON (an HTML page) is the text itself.
			if (get(response![0][0].json, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
