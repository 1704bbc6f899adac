// How the demo and the UI test tiers point the extension at the local emulator: endpoint settings,
// plus an AWS environment that is hermetic (no developer's ~/.aws leaks in) and signs with dummy
// keys the emulator accepts.
import { join } from 'node:path';

export function emulatorSettings(url) {
  return {
    'bedrock.region': 'us-east-1',
    'bedrock.endpoints.control': url,
    'bedrock.endpoints.runtime': url,
    'bedrock.endpoints.mantle': `${url}/mantle`,
  };
}

export function hermeticAwsEnv(scratchDir) {
  return {
    AWS_ACCESS_KEY_ID: 'AKIAEMULATOR00000000',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret-key',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(scratchDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(scratchDir, 'no-aws-credentials'),
    // undefined = removed from the environment (an empty AWS_BEARER_TOKEN_BEDROCK would still make
    // the SDK choose bearer auth).
    AWS_PROFILE: undefined,
    AWS_BEARER_TOKEN_BEDROCK: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
