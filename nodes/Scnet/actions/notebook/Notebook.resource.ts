import { resourceOperations, type OperationModule } from '../common/operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getUrl from './getUrl.operation';
import * as list from './list.operation';
import * as release from './release.operation';
import * as start from './start.operation';
import * as stop from './stop.operation';

/** The operations of the Notebook resource (JupyterLab environments), in the order the editor lists them. */
const operations: OperationModule[] = [create, get, list, getUrl, release, start, stop];

export const resource = resourceOperations({ name: 'Notebook', value: 'notebook' }, operations, 'list');
