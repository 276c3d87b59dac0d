import { resourceOperations, type OperationModule } from '../common/operation';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getOutput from './getOutput.operation';
import * as list from './list.operation';
import * as submit from './submit.operation';

/** The operations of the Job resource (Slurm jobs on the region's HPC service), in the order the editor lists them. */
const operations: OperationModule[] = [cancel, get, list, getOutput, submit];

export const resource = resourceOperations({ name: 'Job', value: 'job' }, operations, 'submit');
