// Regions that offer Amazon Bedrock, for the region picker. Which models and profiles a region
// has always comes from the service; this list only says where asking makes sense.
// Mantle (the OpenAI/Anthropic-compatible endpoint) regions are from the Bedrock docs and grow over time.

export interface BedrockRegion {
  id: string;
  name: string;
  /** Serves bedrock-mantle (OpenAI Chat Completions / Responses, Anthropic Messages). */
  mantle: boolean;
}

const MANTLE = new Set([
  'us-east-1', 'us-east-2', 'us-west-2', 'ap-southeast-3', 'ap-south-1', 'ap-northeast-1',
  'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-south-1', 'eu-north-1', 'sa-east-1',
]);

const NAMES: ReadonlyArray<[string, string]> = [
  ['us-east-1', 'US East (N. Virginia)'],
  ['us-east-2', 'US East (Ohio)'],
  ['us-west-1', 'US West (N. California)'],
  ['us-west-2', 'US West (Oregon)'],
  ['ca-central-1', 'Canada (Central)'],
  ['ca-west-1', 'Canada West (Calgary)'],
  ['sa-east-1', 'South America (São Paulo)'],
  ['mx-central-1', 'Mexico (Central)'],
  ['eu-central-1', 'Europe (Frankfurt)'],
  ['eu-central-2', 'Europe (Zurich)'],
  ['eu-west-1', 'Europe (Ireland)'],
  ['eu-west-2', 'Europe (London)'],
  ['eu-west-3', 'Europe (Paris)'],
  ['eu-north-1', 'Europe (Stockholm)'],
  ['eu-south-1', 'Europe (Milan)'],
  ['eu-south-2', 'Europe (Spain)'],
  ['ap-south-1', 'Asia Pacific (Mumbai)'],
  ['ap-south-2', 'Asia Pacific (Hyderabad)'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)'],
  ['ap-northeast-2', 'Asia Pacific (Seoul)'],
  ['ap-northeast-3', 'Asia Pacific (Osaka)'],
  ['ap-southeast-1', 'Asia Pacific (Singapore)'],
  ['ap-southeast-2', 'Asia Pacific (Sydney)'],
  ['ap-southeast-3', 'Asia Pacific (Jakarta)'],
  ['ap-southeast-4', 'Asia Pacific (Melbourne)'],
  ['ap-southeast-5', 'Asia Pacific (Malaysia)'],
  ['ap-southeast-7', 'Asia Pacific (Thailand)'],
  ['ap-east-2', 'Asia Pacific (Taipei)'],
  ['me-central-1', 'Middle East (UAE)'],
  ['il-central-1', 'Israel (Tel Aviv)'],
  ['af-south-1', 'Africa (Cape Town)'],
  ['us-gov-west-1', 'AWS GovCloud (US-West)'],
  ['us-gov-east-1', 'AWS GovCloud (US-East)'],
];

export const BEDROCK_REGIONS: readonly BedrockRegion[] = NAMES.map(([id, name]) => ({ id, name, mantle: MANTLE.has(id) }));

// Commercial, GovCloud (us-gov-west-1) and isolated partitions (us-iso-east-1, us-isob-east-1).
const REGION_SHAPE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** A region id the user typed is accepted if it is shaped like one, even if newer than our list. */
export function isRegionId(s: string): boolean {
  return REGION_SHAPE.test(s);
}
