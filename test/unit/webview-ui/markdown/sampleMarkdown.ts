// A reply that exercises every block type the renderer handles, including the tricky joins.
export const MIXED_MARKDOWN = `# Streaming renderer

A paragraph with *emphasis*, **strong**, \`inline code\`, ~~strike~~ and a [link](https://example.com/a?b=1).
It continues on a second line (lazy continuation).

Setext heading
--------------

- item one
- item two
  - nested a
  - nested b
    1. deep one
    2. deep two
- item three

  continued paragraph in item three

1. first
2. second

> A quote
> spanning lines
>
> - with a list

| Name | Value | Note |
|:-----|------:|:----:|
| a    | 1     | x    |
| b    | 2     | y    |

\`\`\`ts
export function add(a: number, b: number): number {
  return a + b;
}

// a blank line above stays inside the fence
\`\`\`

    indented code
    block

***

- [x] done task
- [ ] open task

Autolink https://example.org/path and <mailto:me@example.com>.

[ref]: https://example.com/ref

A [reference link][ref] at the end.
`;
