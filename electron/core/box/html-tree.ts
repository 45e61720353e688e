import { parse, type DefaultTreeAdapterMap } from 'parse5';

/*
 * A box's HTML as a browser builds it. The jinja templates of G1 boxes leave anchors open and
 * close tags in the wrong order; only a parser that follows the HTML standard (parse5, as in
 * jsdom) recovers the same tree the box's own users see, so rows and values land where they
 * do on screen. These few helpers are all the querying the box pages need.
 */

type ParentNode = DefaultTreeAdapterMap['parentNode'];
export type HtmlElement = DefaultTreeAdapterMap['element'];

export function parseHtml(html: string): ParentNode {
  return parse(html);
}

function isElement(node: DefaultTreeAdapterMap['childNode']): node is HtmlElement {
  return 'tagName' in node;
}

/** Every element under `root`, in document order. */
export function* descendants(root: ParentNode): Generator<HtmlElement> {
  for (const child of root.childNodes) {
    if (isElement(child)) {
      yield child;
      yield* descendants(child);
    }
  }
}

export function attribute(element: HtmlElement, name: string): string | null {
  return element.attrs.find((attr) => attr.name === name)?.value ?? null;
}

export function findAll(root: ParentNode, match: (element: HtmlElement) => boolean): HtmlElement[] {
  return [...descendants(root)].filter(match);
}

export function findFirst(
  root: ParentNode,
  match: (element: HtmlElement) => boolean,
): HtmlElement | null {
  for (const element of descendants(root)) {
    if (match(element)) {
      return element;
    }
  }
  return null;
}

/** All the text under a node (entities decoded), whitespace collapsed. */
export function textOf(root: ParentNode): string {
  let text = '';
  for (const child of root.childNodes) {
    if (child.nodeName === '#text' && 'value' in child) {
      text += child.value;
    } else if (isElement(child)) {
      text += textOf(child);
    }
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** Only the element's own text nodes: a cell's value without its buttons and help links. */
export function ownTextOf(element: HtmlElement): string {
  return element.childNodes
    .map((child) => (child.nodeName === '#text' && 'value' in child ? child.value : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export function nextElementSibling(element: HtmlElement): HtmlElement | null {
  const siblings = element.parentNode?.childNodes ?? [];
  const index = siblings.indexOf(element);
  for (const sibling of siblings.slice(index + 1)) {
    if (isElement(sibling)) {
      return sibling;
    }
  }
  return null;
}
