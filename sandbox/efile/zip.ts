/**
 * A minimal zip writer for folder downloads ("folders are returned zip-compressed", C): entries
 * are stored, not compressed, each file streamed once with its CRC-32 in a data descriptor after
 * it (flag bit 3), names in UTF-8 (flag bit 11). No Zip64: a sandbox folder over 4 GiB or with
 * over 65,535 entries is refused (the platform's own zip limits are UNKNOWN).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

interface Entry {
	name: string;
	flags: number;
	crc: number;
	size: number;
	offset: number;
	time: number;
	date: number;
	directory: boolean;
}

const UTF8 = 0x0800;
const DESCRIPTOR = 0x0008;
const LIMIT = 0xffffffff;

/** A time in MS-DOS form (local time, 2-second steps), as zip wants it. */
function dosTime(ms: number): { time: number; date: number } {
	const d = new Date(ms);
	return {
		time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
		date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
	};
}

/** Every file and folder below `dir`, folders before what they hold, by name. */
async function walk(dir: string, prefix: string): Promise<Array<{ local: string; name: string; directory: boolean; mtimeMs: number }>> {
	const found = [];
	for (const name of (await readdir(dir)).sort()) {
		const local = join(dir, name);
		const stats = await stat(local);
		found.push({ local, name: `${prefix}${name}${stats.isDirectory() ? '/' : ''}`, directory: stats.isDirectory(), mtimeMs: stats.mtimeMs });
		if (stats.isDirectory()) found.push(...(await walk(local, `${prefix}${name}/`)));
	}
	return found;
}

/** Writes a zip of folder `dir` to file `out`, its entries under `rootName/`. */
export async function zipFolder(dir: string, out: string, rootName: string): Promise<void> {
	const stream = createWriteStream(out);
	let offset = 0;
	const put = async (bytes: Buffer) => {
		offset += bytes.length;
		if (!stream.write(bytes)) await once(stream, 'drain');
	};
	const entries: Entry[] = [];
	const root = await stat(dir);
	const items = [{ local: dir, name: `${rootName}/`, directory: true, mtimeMs: root.mtimeMs }, ...(await walk(dir, `${rootName}/`))];
	if (items.length > 0xffff) throw new Error('too many entries for a zip without Zip64');
	for (const item of items) {
		const name = Buffer.from(item.name, 'utf8');
		const entry: Entry = { name: item.name, flags: UTF8 | (item.directory ? 0 : DESCRIPTOR), crc: 0, size: 0, offset, ...dosTime(item.mtimeMs), directory: item.directory };
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(entry.flags, 6);
		local.writeUInt16LE(0, 8); // stored
		local.writeUInt16LE(entry.time, 10);
		local.writeUInt16LE(entry.date, 12);
		// CRC and sizes stay 0 here: a file's come in the descriptor after its bytes.
		local.writeUInt16LE(name.length, 26);
		await put(Buffer.concat([local, name]));
		if (!item.directory) {
			for await (const chunk of createReadStream(item.local) as AsyncIterable<Buffer>) {
				entry.crc = crc32(chunk, entry.crc);
				entry.size += chunk.length;
				await put(chunk);
			}
			const descriptor = Buffer.alloc(16);
			descriptor.writeUInt32LE(0x08074b50, 0);
			descriptor.writeUInt32LE(entry.crc >>> 0, 4);
			descriptor.writeUInt32LE(entry.size, 8);
			descriptor.writeUInt32LE(entry.size, 12);
			await put(descriptor);
		}
		if (offset > LIMIT) throw new Error('folder too large for a zip without Zip64');
		entries.push(entry);
	}
	const centralStart = offset;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, zip 2.0
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(entry.flags, 8);
		central.writeUInt16LE(0, 10);
		central.writeUInt16LE(entry.time, 12);
		central.writeUInt16LE(entry.date, 14);
		central.writeUInt32LE(entry.crc >>> 0, 16);
		central.writeUInt32LE(entry.size, 20);
		central.writeUInt32LE(entry.size, 24);
		central.writeUInt16LE(name.length, 28);
		// External attributes: Unix mode in the high half, MS-DOS folder bit in the low.
		central.writeUInt32LE(entry.directory ? ((0o40755 << 16) | 0x10) >>> 0 : (0o100644 << 16) >>> 0, 38);
		central.writeUInt32LE(entry.offset, 42);
		await put(Buffer.concat([central, name]));
	}
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(offset - centralStart, 12);
	end.writeUInt32LE(centralStart, 16);
	await put(end);
	stream.end();
	await once(stream, 'close');
}
