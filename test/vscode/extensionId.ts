export const EXTENSION_ID = 'bedrock-workbench.bedrock-workbench';
