import { resourceOperations, type OperationModule } from '../common/operation';
import * as get from './get.operation';

/** The operations of the Account resource. */
const operations: OperationModule[] = [get];

export const { description, handlers } = resourceOperations('account', operations, 'get');
