import type { ResourceModule } from './common/operation';
import { resource as account } from './account/Account.resource';
import { resource as container } from './container/Container.resource';
import { resource as file } from './file/File.resource';
import { resource as job } from './job/Job.resource';
import { resource as notebook } from './notebook/Notebook.resource';

/** Every resource of the node, in the order the editor lists them: a new resource is its folder and one line here. */
export const RESOURCES: readonly ResourceModule[] = [account, container, file, job, notebook];
