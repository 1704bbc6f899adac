// A deliberately tiny H.264 (Baseline, CAVLC) encoder for the emulator's Nova Reel output: key frames
// made of I_PCM macroblocks (raw samples, no prediction or transform to get wrong) and P frames whose
// every macroblock is skipped (a still picture repeated). Deterministic and standard-conforming, so a
// browser's <video> decodes it. Each 6-second shot starts with a key frame of its own colour.

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  bit(b: number): void {
    this.current = (this.current << 1) | (b & 1);
    if (++this.used === 8) {
      this.bytes.push(this.current);
      this.current = this.used = 0;
    }
  }

  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.bit((value >>> i) & 1);
  }

  /** Unsigned Exp-Golomb, ue(v). */
  ue(value: number): void {
    const v = value + 1;
    const len = 32 - Math.clz32(v);
    this.bits(0, len - 1);
    this.bits(v, len);
  }

  /** Signed Exp-Golomb, se(v). */
  se(value: number): void {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1);
  }

  get aligned(): boolean {
    return this.used === 0;
  }

  alignZero(): void {
    while (this.used) this.bit(0);
  }

  byte(b: number): void {
    this.bits(b, 8);
  }

  /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
  trailing(): Uint8Array {
    this.bit(1);
    this.alignZero();
    return Uint8Array.from(this.bytes);
  }
}

/** A NAL unit: header byte, then the payload with emulation-prevention bytes inserted. */
function nal(refIdc: number, type: number, rbsp: Uint8Array): Uint8Array {
  const out: number[] = [(refIdc << 5) | type];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

export interface H264Geometry {
  /** Multiples of 16. */
  width: number;
  height: number;
}

const LOG2_MAX_FRAME_NUM = 16;

export function sequenceParameterSet(g: H264Geometry): Uint8Array {
  const w = new BitWriter();
  w.byte(66); // Baseline
  w.byte(0xc0); // constraint_set0 and set1: decodable by Baseline and Main decoders
  w.byte(21); // level 2.1: enough for 256x144 at 24 fps
  w.ue(0); // seq_parameter_set_id
  w.ue(LOG2_MAX_FRAME_NUM - 4);
  w.ue(2); // pic_order_cnt_type 2: output order = decoding order (no B frames)
  w.ue(1); // max_num_ref_frames
  w.bit(0); // gaps_in_frame_num_value_allowed_flag
  w.ue(g.width / 16 - 1);
  w.ue(g.height / 16 - 1);
  w.bit(1); // frame_mbs_only_flag
  w.bit(1); // direct_8x8_inference_flag
  w.bit(0); // frame_cropping_flag
  w.bit(0); // vui_parameters_present_flag
  return nal(3, 7, w.trailing());
}

export function pictureParameterSet(): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.bit(0); // entropy_coding_mode_flag: CAVLC
  w.bit(0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.bit(0); // weighted_pred_flag
  w.bits(0, 2); // weighted_bipred_idc
  w.se(0); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(0); // chroma_qp_index_offset
  w.bit(1); // deblocking_filter_control_present_flag (the slices turn it off)
  w.bit(0); // constrained_intra_pred_flag
  w.bit(0); // redundant_pic_cnt_present_flag
  return nal(3, 8, w.trailing());
}

/** Picture content: luma and the two chroma planes (4:2:0), each a function of the sample position. */
export interface Picture {
  luma(x: number, y: number): number;
  cb(x: number, y: number): number;
  cr(x: number, y: number): number;
}

// I_PCM samples of 0 were forbidden by the first edition of the standard; keep to video range.
const clamp = (v: number) => Math.max(16, Math.min(235, Math.round(v)));

/** An IDR frame whose macroblocks are all I_PCM. */
export function keyFrame(g: H264Geometry, idrPicId: number, picture: Picture): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(7); // slice_type: I (every slice of the picture)
  w.ue(0); // pic_parameter_set_id
  w.bits(0, LOG2_MAX_FRAME_NUM); // frame_num
  w.ue(idrPicId);
  w.bit(0); // no_output_of_prior_pics_flag
  w.bit(0); // long_term_reference_flag
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc
  const mbw = g.width / 16;
  const mbs = mbw * (g.height / 16);
  for (let mb = 0; mb < mbs; mb++) {
    const x0 = (mb % mbw) * 16;
    const y0 = Math.floor(mb / mbw) * 16;
    w.ue(25); // mb_type I_PCM
    w.alignZero(); // pcm_alignment_zero_bit
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) w.byte(clamp(picture.luma(x0 + x, y0 + y)));
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) w.byte(clamp(picture.cb(x0 / 2 + x, y0 / 2 + y)));
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) w.byte(clamp(picture.cr(x0 / 2 + x, y0 / 2 + y)));
  }
  return nal(3, 5, w.trailing());
}

/** A P frame that repeats the previous picture: one skip run over every macroblock. */
export function repeatFrame(g: H264Geometry, frameNum: number): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(5); // slice_type: P (every slice of the picture)
  w.ue(0); // pic_parameter_set_id
  w.bits(frameNum % (1 << LOG2_MAX_FRAME_NUM), LOG2_MAX_FRAME_NUM);
  w.bit(0); // num_ref_idx_active_override_flag
  w.bit(0); // ref_pic_list_modification_flag_l0
  w.bit(0); // adaptive_ref_pic_marking_mode_flag
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc
  w.ue((g.width / 16) * (g.height / 16)); // mb_skip_run
  return nal(2, 1, w.trailing());
}
