import { resourceOperations, type OperationModule } from '../common/operation';
import * as deleteOperation from './delete.operation';

/** The operations of the Container resource, in the order the editor lists them (alphabetical, as n8n's lint wants). */
const operations: OperationModule[] = [deleteOperation];

export const { description, handlers } = resourceOperations('container', operations, 'delete');
