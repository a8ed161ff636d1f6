import type { HelpBlock } from "@/lib/help/topics";
import { CopyButton } from "@/components/ui/CopyButton";

/** `code` spans inside help text. */
export function RichText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? (
          <code key={i} className="break-all rounded bg-surface px-1 font-mono text-[0.9em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export function HelpBlocks({ blocks }: { blocks: HelpBlock[] }) {
  return (
    <div className="space-y-4">
      {blocks.map((b, i) => {
        switch (b.kind) {
          case "h":
            return (
              <h2 key={i} id={b.id} className="scroll-mt-4 pt-2 text-xl font-bold">
                {b.text}
              </h2>
            );
          case "p":
            return (
              <p key={i}>
                <RichText text={b.text} />
              </p>
            );
          case "ul":
            return (
              <ul key={i} className="list-disc space-y-1 pl-6">
                {b.items.map((item) => (
                  <li key={item}>
                    <RichText text={item} />
                  </li>
                ))}
              </ul>
            );
          case "code":
            return (
              <figure key={i}>
                <figcaption className="flex flex-wrap items-center gap-2 text-sm font-semibold">
                  {b.label}
                  <CopyButton value={b.text} label={`« ${b.label} »`} />
                </figcaption>
                <pre className="mt-1 overflow-x-auto border border-line bg-surface p-3 text-sm" tabIndex={0}>
                  <code>{b.text}</code>
                </pre>
              </figure>
            );
          case "table":
            return (
              <div key={i} className="overflow-x-auto">
                <table className="w-full border-collapse text-left text-sm">
                  <caption className="mb-1 text-left font-semibold">{b.caption}</caption>
                  <thead>
                    <tr className="border-b border-line">
                      {b.head.map((h) => (
                        <th key={h} scope="col" className="py-2 pr-4">
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((row) => (
                      <tr key={row.join("|")} className="border-b border-line align-top">
                        {row.map((cell, j) =>
                          j === 0 ? (
                            <th key={j} scope="row" className="py-2 pr-4 font-medium">
                              {cell}
                            </th>
                          ) : (
                            <td key={j} className="break-all py-2 pr-4 sm:break-normal">
                              <RichText text={cell} />
                              {/^https?:\/\/\S+$/.test(cell) && <CopyButton value={cell} label={`l'adresse ${cell}`} className="ml-2" />}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
        }
      })}
    </div>
  );
}
