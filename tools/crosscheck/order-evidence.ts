/**
 * Why our spec orders a model's elements as it does, read from the model's `doc` in the spec, so that each order
 * difference of the report carries its justification and nothing is written twice. By convention the
 * justification is the doc's part from its first sentence that begins with "Order" (spec/README.md); the
 * recordings it cites (`python/<file>.json` or `xplat-cli/<folder>/<file>.json` of the wire corpus, with the
 * exchange) are picked out, so that the report says whether a recording decided.
 */

export interface OrderEvidence {
  /** The model whose doc it is. */
  readonly model: string;
  /** The doc's order part; empty when the doc has none (the difference is then unjustified). */
  readonly text: string;
  /** The recordings it cites, e.g. `python/test_legacy_mgmt_misc.test_update_vm_image.json exchange 3`. */
  readonly recordings: readonly string[];
}

const ORDER_SENTENCE = /(?:^|[.:]\s+)(Order\b[\s\S]*)$/;
const RECORDING = /\b((?:python|xplat-cli)\/[\w./-]+?\.json)(?:,?\s+exchanges?\s+(\d+(?:\s*(?:,|and)\s*\d+)*))?/g;

export function orderEvidence(model: string, doc: string | undefined): OrderEvidence {
  const text = ORDER_SENTENCE.exec(doc ?? '')?.[1]?.trim() ?? '';
  const recordings = [...text.matchAll(RECORDING)].map((m) => (m[2] === undefined ? m[1]! : `${m[1]!} exchange ${m[2]}`));
  return { model, text, recordings: [...new Set(recordings)] };
}
