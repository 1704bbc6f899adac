// One row of the capability table shipped inside the extension (short keys keep the bundle small).
import type { ApiId } from './apiId';
import type { Modality } from './modelDescriptor';

export interface ShippedModel {
  /** Model id; absent for rows the docs list only by name. */
  id?: string;
  /** Provider name as the service spells it (mostly). */
  p: string;
  /** Model name. */
  n: string;
  a: Record<ApiId, boolean | null>;
  /** Streaming supported. */
  s: boolean | null;
  /** Inference profile required (no on-demand). */
  pr: boolean | null;
  /** Profile ids the docs list. */
  ip?: string[];
  in?: Modality[];
  out?: Modality[];
  /** Takes document blocks (Converse's "Document chat"); absent = unknown. */
  doc?: boolean;
}
