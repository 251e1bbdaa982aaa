/**
 * Some feeds put HTML into `<description>` / `<content>` as real child elements instead of
 * escaping it or wrapping it in CDATA (Reddit did: "submitted by<a>user</a>to<a>sub</a>";
 * Atom `type="xhtml"` does it by design). xml2js, under rss-parser, does not keep the order of
 * text and elements in such mixed content, so the text came out scrambled ("submitted
 * bytouser sub"). Wrapping the element's inner XML in CDATA before parsing hands it to us as
 * the HTML string it is, in order.
 */
const TEXT_ELEMENTS = /<(title|description|summary|content|content:encoded)((?:\s[^>]*?)?)(?<!\/)>([\s\S]*?)<\/\1\s*>/g;

export function wrapMixedContent(xml: string): string {
  return xml.replace(TEXT_ELEMENTS, (whole, name: string, attrs: string, inner: string) => {
    // Only elements with child elements need it; escaped HTML and CDATA are already text.
    if (!/<[A-Za-z]/.test(inner) || inner.includes('<![CDATA[')) return whole;
    return `<${name}${attrs}><![CDATA[${inner.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${name}>`;
  });
}
