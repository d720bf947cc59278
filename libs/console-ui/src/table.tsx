import type { ComponentChildren } from 'preact';

export interface Column<T> {
  title: string;
  /** What the cell shows. */
  cell: (row: T) => ComponentChildren;
  numeric?: boolean;
}

/** A plain, captioned data table: screen readers and the browser tests read it the same way. */
export function Table<T>({ caption, columns, rows, rowKey, testId }: { caption: string; columns: Column<T>[]; rows: readonly T[]; rowKey: (row: T) => string; testId?: string }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-key={rowKey(row)}>
              {columns.map((c) => (
                <td class={c.numeric ? 'num' : undefined} data-col={c.title}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
