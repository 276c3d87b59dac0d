import { resourceOperations, type OperationModule } from '../common/operation';
import * as createFolder from './createFolder.operation';
import * as deleteOperation from './delete.operation';
import * as download from './download.operation';
import * as list from './list.operation';
import * as move from './move.operation';
import * as upload from './upload.operation';

/** The operations of the File resource (the region's eFile service), in the order the editor lists them. */
const operations: OperationModule[] = [createFolder, deleteOperation, download, list, move, upload];

export const resource = resourceOperations({ name: 'File', value: 'file' }, operations, 'list');
