import { writeFile } from "node:fs/promises";

/**
 * A whisper.cpp model file (legacy ggml format, as whisper.cpp's loader reads it) with the shape
 * of a multilingual model and tiny random weights: 1 layer, 8-wide, about 2 MB. It loads, encodes
 * and decodes like a real model, so it exercises the whole engine path offline, but what it
 * "recognizes" is MEANINGLESS: random tokens named " w<id>". Tests only; never ship it.
 */
const GGML_MAGIC = 0x67676d6c;
const N_VOCAB = 51_865; // multilingual: language tokens (vi included) exist
const N_TEXT_TOKENS = 50_257; // the written vocabulary; whisper.cpp adds the special tokens itself
const N_MELS = 80;
const N_FFT = 201;
const AUDIO_CTX = 1500;
const TEXT_CTX = 448;
// whisper.cpp looks up the token " " when it suppresses blanks; GPT-2's vocabulary has it at 220.
const SPACE_TOKEN = 220;

export function tinyWhisperModel(width = 8, seed = 1): Buffer {
  const chunks: Buffer[] = [];
  const int32 = (...values: number[]) => {
    const chunk = Buffer.alloc(4 * values.length);
    values.forEach((value, index) => chunk.writeInt32LE(value, index * 4));
    chunks.push(chunk);
  };
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state / 0x7fffffff - 0.5;
  };
  const floats = (count: number, fill?: number) => {
    const chunk = Buffer.alloc(4 * count);
    for (let i = 0; i < count; i++) chunk.writeFloatLE(fill ?? random(), i * 4);
    chunks.push(chunk);
  };
  const tensor = (name: string, ...shape: number[]) => {
    const nameBytes = Buffer.from(name);
    int32(shape.length, nameBytes.length, 0 /* f32 */, ...shape);
    chunks.push(nameBytes);
    floats(shape.reduce((a, b) => a * b, 1));
  };

  int32(GGML_MAGIC);
  // n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype (0 = f32)
  int32(N_VOCAB, AUDIO_CTX, width, 1, 1, TEXT_CTX, width, 1, 1, N_MELS, 0);
  int32(N_MELS, N_FFT);
  floats(N_MELS * N_FFT, 0.01);
  int32(N_TEXT_TOKENS);
  for (let id = 0; id < N_TEXT_TOKENS; id++) {
    const token = Buffer.from(id === SPACE_TOKEN ? " " : ` w${id}`);
    int32(token.length);
    chunks.push(token);
  }

  const block = (prefix: string, attentions: string[]) => {
    tensor(`${prefix}.mlp_ln.weight`, width);
    tensor(`${prefix}.mlp_ln.bias`, width);
    tensor(`${prefix}.mlp.0.weight`, width, 4 * width);
    tensor(`${prefix}.mlp.0.bias`, 4 * width);
    tensor(`${prefix}.mlp.2.weight`, 4 * width, width);
    tensor(`${prefix}.mlp.2.bias`, width);
    for (const attention of attentions) {
      tensor(`${prefix}.${attention}_ln.weight`, width);
      tensor(`${prefix}.${attention}_ln.bias`, width);
      tensor(`${prefix}.${attention}.query.weight`, width, width);
      tensor(`${prefix}.${attention}.query.bias`, width);
      tensor(`${prefix}.${attention}.key.weight`, width, width);
      tensor(`${prefix}.${attention}.value.weight`, width, width);
      tensor(`${prefix}.${attention}.value.bias`, width);
      tensor(`${prefix}.${attention}.out.weight`, width, width);
      tensor(`${prefix}.${attention}.out.bias`, width);
    }
  };
  tensor("encoder.positional_embedding", width, AUDIO_CTX);
  tensor("encoder.conv1.weight", 3, N_MELS, width);
  tensor("encoder.conv1.bias", 1, width);
  tensor("encoder.conv2.weight", 3, width, width);
  tensor("encoder.conv2.bias", 1, width);
  tensor("encoder.ln_post.weight", width);
  tensor("encoder.ln_post.bias", width);
  block("encoder.blocks.0", ["attn"]);
  tensor("decoder.positional_embedding", width, TEXT_CTX);
  tensor("decoder.token_embedding.weight", width, N_VOCAB);
  tensor("decoder.ln.weight", width);
  tensor("decoder.ln.bias", width);
  block("decoder.blocks.0", ["attn", "cross_attn"]);
  return Buffer.concat(chunks);
}

export async function writeTinyWhisperModel(path: string): Promise<string> {
  await writeFile(path, tinyWhisperModel());
  return path;
}
