/*
 * EnrollFlow (decision 699): a task that cannot be opened says so in one sentence. Tasklist loads a task through a
 * data chain that writes a failure as "<task> <- " and the engine's answer, and shows that line, escaped, as the
 * notice's title ("&lt;task&gt; &lt;- 该任务已办理完成或已不存在…") above the same line as its text. Tasklist
 * recognises the engine's English "No matching task" and writes 该任务已不存在 instead; EnrollFlow's server answers in
 * Chinese (common/EngineErrorBodies: 该任务已办理完成或已不存在（…），请刷新任务列表), which Tasklist does not know. Met
 * opening a task's link after a colleague completed it, or a task of another campus. The notice then reads
 * 无法打开任务：该任务已办理完成或已不存在（…），请刷新任务列表. Changed in place, in any language (the engine's answer is
 * the server's).
 */
import {whenPageChanges} from './page-changes.js';

/** What the chain was loading, as its failure names it, and what the notice's title says then. */
const TITLES = new Map([['task', '无法打开任务']]);
const OTHERWISE = '无法加载';
const CHAIN = /^\s*(?:<|&lt;)(\w+)(?:>|&gt;) (?:<|&lt;)- /;

function rewriteChainFailures() {
  for (const notice of document.querySelectorAll('.notifications .alert')) {
    const title = notice.querySelector('strong.status');
    const text = notice.querySelector('span.message');
    const failed = title && title.textContent.match(CHAIN);
    if (failed) {
      title.textContent = TITLES.get(failed[1]) || OTHERWISE;
      if (text) {
        text.textContent = text.textContent.replace(CHAIN, '');
      }
    }
  }
}

whenPageChanges(rewriteChainFailures);

export default [];
