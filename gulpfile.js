// tsc compiles the TypeScript; n8n also needs the icons and the codex JSON next to the compiled files.
const { readFileSync, writeFileSync } = require('node:fs');
const { series, src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

// The repository is named once, in package.json: the documentation links the editor shows
// (the codex's and the credential's) are written in the source with the default repository and
// pointed at package.json's here.
const SOURCE_REPOSITORY = 'https://github.com/n8n-nodes-scnet/n8n-nodes-scnet';
const LINKED_FILES = ['dist/nodes/Scnet/Scnet.node.json', 'dist/nodes/ScnetTrigger/ScnetTrigger.node.json', 'dist/credentials/ScnetApi.credentials.js'];

async function linkDocumentation() {
	const { repository } = JSON.parse(readFileSync('package.json', 'utf8'));
	const url = String(repository.url).replace(/^git\+/, '').replace(/\.git$/, '');
	for (const file of LINKED_FILES) writeFileSync(file, readFileSync(file, 'utf8').split(SOURCE_REPOSITORY).join(url));
}

exports['build:icons'] = series(buildIcons, linkDocumentation);
