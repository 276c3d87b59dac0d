// n8n's community-package scanner (@n8n/scan-community-package), run offline the way it scans a
// published package: the source leg over the repository's sources, the tarball leg over the
// compiled files and package.json of the unpacked tarball. Prints { passed, details } as JSON.
// Usage: node scripts/scan-package.mjs <source dir> <unpacked tarball dir>
import { resolve } from 'node:path';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [sourceDir, packageDir] = process.argv.slice(2).map((dir) => resolve(dir));
const legs = [await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS), await analyzePackage(packageDir, ['**/*.js', 'package.json'])];
process.stdout.write(
	JSON.stringify({ passed: legs.every((leg) => leg.passed), details: legs.map((leg) => leg.details ?? leg.message ?? '').join('\n') }),
);
