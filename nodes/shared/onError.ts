import type { IExecuteFunctions, INode } from 'n8n-workflow';

/*
 * What n8n's On Error setting means for this node. As an AI agent's tool (n8n's `<name>Tool`
 * variant of the node) every outcome goes back to the model, whatever the setting: a batch whose
 * one container fails must still tell the model that the others were deleted, and n8n gives the
 * model only the node's main output, never its error output nor more than a thrown error's text.
 */

/** Whether the node runs as an AI agent's tool (n8n names the tool variant `<type>Tool`), or over MCP. */
export const isToolRun = (node: INode): boolean => node.type.endsWith('Tool');

/** Whether a failure becomes an output item (On Error Continue, or a tool run) rather than stopping the workflow. */
export const continuesOnFail = (context: Pick<IExecuteFunctions, 'continueOnFail' | 'getNode'>): boolean => context.continueOnFail() || isToolRun(context.getNode());

/** Whether failures go to the error output ("Continue (using error output)"); never in a tool run, whose model sees only the main output. */
export const toErrorOutput = (node: INode): boolean => node.onError === 'continueErrorOutput' && !isToolRun(node);
