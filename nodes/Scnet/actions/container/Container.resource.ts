import { resourceOperations, type OperationModule } from '../common/operation';
import * as cleanUp from './cleanUp.operation';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as executeScript from './executeScript.operation';
import * as get from './get.operation';
import * as getUrl from './getUrl.operation';
import * as list from './list.operation';
import * as start from './start.operation';
import * as stop from './stop.operation';

/** The operations of the Container resource, in the order the editor lists them (alphabetical, as n8n's lint wants). */
const operations: OperationModule[] = [cleanUp, create, deleteOperation, executeScript, get, list, getUrl, start, stop];

/** Version 1 opened on Delete; a node added now opens on a read (Get Many). */
export const resource = resourceOperations({ name: 'Container', value: 'container' }, operations, { 1: 'delete', 2: 'list' });
