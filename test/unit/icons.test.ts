import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ScnetApi } from '../../credentials/ScnetApi.credentials';
import { Scnet } from '../../nodes/Scnet/Scnet.node';
import { ScnetTrigger } from '../../nodes/ScnetTrigger/ScnetTrigger.node';

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const LIGHT = read('nodes/Scnet/scnet.svg');
const DARK = read('nodes/Scnet/scnet.dark.svg');

const colours = (svg: string) => [...svg.matchAll(/#[0-9a-f]{6}\b/gi)].map(([hex]) => hex.toLowerCase());
/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
	const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (high + 0.05) / (low + 0.05);
};

describe('the SCNet icon', () => {
	it.each([
		['light', LIGHT],
		['dark', DARK],
	])('(%s) is a plain, square SVG: no script, no link, no embedded image, no text', (_variant, svg) => {
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
		expect(svg).not.toMatch(/<script|<foreignObject|<image|<text|href=|url\(|on\w+=/i);
	});

	it('has a dark variant of the same shape, in other colours', () => {
		const shape = (svg: string) => svg.replace(/#[0-9a-f]{6}\b/gi, '#colour');

		expect(shape(DARK)).toBe(shape(LIGHT));
		expect(colours(DARK)).not.toEqual(colours(LIGHT));
	});

	it("stands out from n8n's light and dark canvas in its variant", () => {
		for (const colour of colours(LIGHT)) expect([colour, contrast(colour, '#ffffff') >= 3]).toEqual([colour, true]);
		for (const colour of colours(DARK)) expect([colour, contrast(colour, '#2d2e33') >= 3]).toEqual([colour, true]);
	});

	it('is the one icon of both nodes and the credential', () => {
		expect(new Scnet().description.icon).toEqual({ light: 'file:scnet.svg', dark: 'file:scnet.dark.svg' });
		expect(new ScnetTrigger().description.icon).toEqual({ light: 'file:../Scnet/scnet.svg', dark: 'file:../Scnet/scnet.dark.svg' });
		expect(new ScnetApi().icon).toEqual({ light: 'file:../nodes/Scnet/scnet.svg', dark: 'file:../nodes/Scnet/scnet.dark.svg' });
	});
});
