import type { INodeParameters } from 'n8n-workflow';

import { IMAGES_PATH } from '../../../sandbox/server';
import { IMAGES } from '../../../sandbox/store';
import { accessKeyCredentials, pastedToken, useSandbox } from '../../harness/fixtures';
import { lookupsOn } from '../../harness/lookups';

const scnet = useSandbox();
const lookups = lookupsOn(scnet);
const imageRequests = () => scnet.sandbox.requests.filter((request) => request.path === IMAGES_PATH);
const asResult = ({ version, imagePath }: { version: string; imagePath: string }) => ({ name: `${version} — ${imagePath}`, value: imagePath });
const imagesOf = (type: string) => IMAGES.filter((image) => image.acceleratorType === type).map(asResult);

/** What the Create operation's 'Image' picker shows, with the node's other fields as given. */
const search = (parameters: INodeParameters = {}, filter?: string) =>
	lookups.listSearch('searchImages', { parameters: { operation: 'create', ...parameters }, path: 'parameters.imagePath', filter });

const imagesAnswer = (data: unknown) =>
	scnet.sandbox.addFault({ when: (request) => request.path === IMAGES_PATH, respond: { body: { code: '0', msg: 'success', data } } });

describe('Image picker (listSearch searchImages)', () => {
	it.each(['gpu', 'dcu'])("lists the images for the node's current Accelerator Type (%s)", async (acceleratorType) => {
		const { result } = await search({ acceleratorType });

		expect(result.results).toEqual(imagesOf(acceleratorType));
		expect(result.results.length).toBeGreaterThan(0);
		expect(imageRequests().map((request) => request.url)).toEqual([`${IMAGES_PATH}?acceleratorType=${acceleratorType}`]);
	});

	it("uses the Accelerator Type's default (GPU) when the user has not changed it", async () => {
		const { result } = await search();

		expect(result.results).toEqual(imagesOf('gpu'));
	});

	it('narrows the list to the text typed, in the name or the path', async () => {
		expect((await search({ acceleratorType: 'gpu' }, 'PyTorch')).result.results).toEqual(imagesOf('gpu').filter((image) => image.name.includes('pytorch')));
		expect((await search({ acceleratorType: 'gpu' }, 'admin/base/jupyter')).result.results).toEqual(imagesOf('gpu').filter((image) => image.value.includes('jupyter')));
		expect((await search({ acceleratorType: 'gpu' }, 'nothing like it')).result.results).toEqual([]);
	});

	it('reads other answer shapes: a list in an object, other field names, plain paths; entries without a path are left out', async () => {
		imagesAnswer({
			total: 4,
			list: [
				{ path: 'registry/gpu/a:1', imageName: 'a:1' },
				{ imageName: 'no path' },
				'registry/gpu/b:2',
				{ image: 'registry/gpu/c:3' },
			],
		});
		const { result } = await search();

		expect(result.results).toEqual([
			{ name: 'a:1 — registry/gpu/a:1', value: 'registry/gpu/a:1' },
			{ name: 'registry/gpu/b:2', value: 'registry/gpu/b:2' },
			{ name: 'c:3 — registry/gpu/c:3', value: 'registry/gpu/c:3' },
		]);
	});

	it('signs in with an Access Key credential', async () => {
		const { result } = await lookups.listSearch('searchImages', {
			parameters: { operation: 'create', acceleratorType: 'dcu' },
			credentials: accessKeyCredentials(scnet.sandbox),
		});

		expect(result.results).toEqual(imagesOf('dcu'));
	});

	it("throws an error naming SCNet's code when the lookup fails", async () => {
		const failing = lookups.listSearch('searchImages', { parameters: { operation: 'create' }, credentials: pastedToken(scnet.sandbox.url, 'wrong') });

		await expect(failing).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'The SCNet token is invalid or expired, or lacks permission (code 10008)',
			// The credential as the user saved it, not its type.
			description: "Renew the token (a pasted access token expires within about a day) and paste the new one into 'Token' in the 'SCNet account' credential.",
		});
	});
});
