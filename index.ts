// n8n loads the package through the `n8n` field of package.json; this entry point only lists what it ships.
export { BoxSign } from './nodes/BoxSign/BoxSign.node';
export { BoxSignOAuth2Api } from './credentials/BoxSignOAuth2Api.credentials';
export { BoxSignClientCredentialsApi } from './credentials/BoxSignClientCredentialsApi.credentials';
