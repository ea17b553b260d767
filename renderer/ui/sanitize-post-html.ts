// Forum HTML is hostile until proven otherwise: an allowlist sanitiser runs before anything
// reaches the DOM. Remote images never load from here; they become a placeholder with their alt text.
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'a', 'abbr', 'aside', 'b', 'blockquote', 'br', 'code', 'del', 'details', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'ol', 'p', 'pre', 's', 'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'th', 'thead', 'tr', 'u', 'ul',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'class', 'data-username', 'data-post', 'data-topic', 'colspan', 'rowspan', 'open', 'lang', 'dir'];

const purifier = DOMPurify();
// Post markup may only use the classes Discourse's cooked HTML uses, never the reader's own.
const POST_CLASSES = /^(quote|title|mention|hashtag|onebox|spoiler|emoji|lang-[a-z0-9-]+)$/;

purifier.addHook('afterSanitizeAttributes', (node) => {
  const classes = node.getAttribute('class');
  if (classes !== null) {
    const kept = classes.split(/\s+/).filter((name) => POST_CLASSES.test(name));
    if (kept.length > 0) node.setAttribute('class', kept.join(' '));
    else node.removeAttribute('class');
  }
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:|#|\/)/i.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});
purifier.addHook('uponSanitizeElement', (node, data) => {
  if (data.tagName !== 'img' || !(node instanceof Element)) return;
  const src = node.getAttribute('src') ?? '';
  if (src.startsWith('data:image/')) return;
  // Remote images would reveal the reader to the image host and fail offline.
  const placeholder = node.ownerDocument.createElement('span');
  placeholder.className = 'image-placeholder';
  placeholder.textContent = `[image${node.getAttribute('alt') ? `: ${node.getAttribute('alt')}` : ''}]`;
  node.replaceWith(placeholder);
});

export function sanitizePostHtml(html: string): string {
  return purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|\/|data:image\/(?:png|gif|jpeg|webp);)/i,
  });
}
