import { resourceOperations, type OperationModule } from '../common/operation';
import * as get from './get.operation';

/** The operations of the Account resource. */
const operations: OperationModule[] = [get];

export const resource = resourceOperations({ name: 'Account', value: 'account' }, operations, 'get');
