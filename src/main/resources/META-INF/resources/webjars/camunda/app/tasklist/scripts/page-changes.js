/*
 * EnrollFlow: calls `update` after the page has changed, at most once per animation frame. Tasklist renders its
 * pages and forms itself; the scripts that write its texts in Chinese (form-texts-zh.js, tenant-names.js) change
 * what it wrote in place, each time it writes again.
 */
export function whenPageChanges(update, {attributeFilter} = {}) {
  let pending = false;
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        update();
      });
    }
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true,
    ...(attributeFilter ? {attributes: true, attributeFilter} : {})});
}
