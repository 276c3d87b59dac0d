import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { isTokenRefusal, ScnetClient, type ScnetResult } from '../../../shared/transport';
import type { PlatformToken } from '../../../shared/transport/auth/authorise';
import { PLATFORM } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { runPerItem } from '../common/perItem';
import { apiFailure, succeeded } from '../../../shared/results';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	description:
		"Get the SCNet account's status and balance, e.g. to act before it runs dry. The balance comes as a number in accountBalance (SCNet's text is kept in accountBalanceText), so an IF node can compare it.",
	action: 'Get account balance',
	toolDescription:
		'Read the SCNet account and its balance. Needs nothing. Returns one item with accountBalance (a number, null when SCNet gives none), accountBalanceText and the account\'s user fields; check it before starting paid work.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['account'], operation: ['get'] } }, [
	optionsCollection(requestOptions),
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	return runPerItem(this, async (itemIndex) => {
		const settings = readRequestSettings(this, readOptions(this, itemIndex));
		const ask = (token: PlatformToken) => client.request('platform', 'GET', PLATFORM.user, { token }, settings);
		// Which token SCNet wants here is not documented: the platform's (cluster 0) first, then the
		// region's (which signs in again if it is refused); if that brought fresh tokens, the platform's once more.
		let answer: ScnetResult = await ask('platform');
		if (client.signsIn && !answer.ok && isTokenRefusal(answer.failure)) {
			const generation = client.sessionGeneration;
			answer = await ask('region');
			if (!answer.ok && client.sessionGeneration !== generation && isTokenRefusal(answer.failure)) answer = await ask('platform');
		}
		if (!answer.ok) return apiFailure(undefined, answer.failure, itemIndex);
		return succeeded(accountView(answer.data));
	});
}

/** SCNet's user fields as they come, the balance also as a number (SCNet sends text such as "1,234.56"). */
function accountView(data: unknown): IDataObject {
	const user = data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
	const text = user.accountBalance === undefined || user.accountBalance === null ? '' : String(user.accountBalance).trim();
	const amount = Number(text.replace(/,/g, ''));
	return { ...user, accountBalance: text !== '' && Number.isFinite(amount) ? amount : null, accountBalanceText: text };
}
