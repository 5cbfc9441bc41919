import type { Context } from '../context.js';
import { formatTable } from './format-table.js';
import { writeOutputFile } from './open-output.js';
import { paint, toJson } from './output.js';

/**
 * `crimetrends query --schema`: prints every documented view, mart and table with its grain and columns (name,
 * type, nullability, meaning, accepted values), generated from the code, as text or as one JSON document; to `out`
 * when given. Needs no warehouse. Returns 0.
 */
export async function printSchema(ctx: Context, isJson: boolean, out: string | undefined): Promise<number> {
  const { listSchema } = await import('../analyst/index.js');
  const relations = listSchema();
  let text: string;
  if (isJson) {
    text = toJson({ ok: true, command: 'query', outputs: out === undefined ? [] : [out], issues: [], relations });
  } else {
    const { bold, dim } = paint(ctx.useColour && out === undefined && process.stdout.isTTY === true);
    const blocks = relations.map((relation) => {
      const table = formatTable(
        [{ title: 'column' }, { title: 'type' }, { title: 'null' }, { title: 'description' }],
        relation.columns.map((c) => [
          c.name,
          c.type,
          c.isNullable ? 'yes' : '',
          c.values === undefined ? c.description : `${c.description}${c.description ? '; ' : ''}values: ${c.values.join(', ')}`,
        ]),
      );
      const grain = relation.grain.length === 0 ? 'none (a log: rows are not unique)' : relation.grain.join(' × ');
      return [`${bold(relation.name)} (${relation.kind}) — ${relation.description}`, dim(`grain: one row per ${grain}`), indent(table)].join('\n');
    });
    const note = 'Views and tables are in the warehouse from the first ingest; marts after "crimetrends build". INTEGER in a mart is any whole number (INTEGER or BIGINT).';
    text = `${note}\n\n${blocks.join('\n\n')}\n`;
  }
  if (out === undefined) ctx.out(text);
  else await writeOutputFile(ctx, out, text); // whole or not at all; a folder or an unwritable path is OUT_UNWRITABLE
  return 0;
}

const indent = (text: string): string => text.replace(/^/gm, '  ');
