/**
 * The stylesheet and the script inlined into report.html. The page is complete without the script
 * (headline, guarantees, failures, requirements are plain HTML); the script builds the table of all
 * results from the embedded JSON, filters the tables, copies replay commands, and offers the
 * embedded report.json for download. Both are allowed by hash in the page's Content-Security-Policy,
 * which also forbids every fetch, so the page cannot load anything from the network.
 */

export const STYLE = `
:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0; --link: #0550ae;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-fg: #82071e; --fail-bg: #ffebe9;
  --warn: #9a6700; --warn-fg: #7d4e00; --warn-bg: #fff8c5; --na: #59636e; --na-bg: #eff2f5;
  --code-bg: #eff2f5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d; --link: #4493f8;
    --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-fg: #ffa198; --fail-bg: #2d1214;
    --warn: #d29922; --warn-fg: #e3b341; --warn-bg: #272115; --na: #9198a1; --na-bg: #212830; --code-bg: #212830;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
body { margin: 0 auto; max-width: 1280px; padding: 0 24px 48px; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.87em; }
code { overflow-wrap: anywhere; }
h1, h2, h3 { line-height: 1.25; }
h2 { font-size: 1.35rem; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 0; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; z-index: 10; }
.muted { color: var(--muted); }
.small { font-size: 0.87em; }

/* Headline */
.headline { display: grid; grid-template-columns: auto 1fr; gap: 8px 24px; align-items: start; margin: 24px 0 8px; padding: 20px 24px; border: 2px solid var(--line); border-left-width: 12px; border-radius: 8px; background: var(--panel); }
.headline.pass { border-color: var(--pass); }
.headline.fail { border-color: var(--fail); }
.verdict-word { font-size: 2.6rem; font-weight: 800; letter-spacing: 0.04em; margin: 0; line-height: 1; }
.pass .verdict-word { color: var(--pass); }
.fail .verdict-word { color: var(--fail); }
.headline h1 { font-size: 1.35rem; margin: 0 0 6px; }
.headline h1 .sub { font-weight: 400; color: var(--muted); }
.reasons { margin: 6px 0 0; padding-left: 1.2em; }
.flagged { margin: 6px 0 0; }
.flagged a { color: var(--fail-fg); font-weight: 600; }
.counts { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 0; padding: 0; list-style: none; }
.counts li { padding: 2px 10px; border-radius: 999px; border: 1px solid var(--line); background: var(--bg); font-weight: 600; }
.counts li.bad { border-color: var(--fail); color: var(--fail-fg); background: var(--fail-bg); }
.counts li.good { border-color: var(--pass); color: var(--pass); }
.facts { grid-column: 1 / -1; display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 4px 24px; margin: 8px 0 0; }
.facts div { min-width: 0; }
.facts div.wide { grid-column: 1 / -1; }
.facts dt { display: inline; font-weight: 600; }
.facts dt::after { content: ": "; }
.facts dd { display: inline; margin: 0; overflow-wrap: anywhere; }
nav.toc { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 12px 0 0; font-weight: 600; }

/* Badges and chips */
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; border: 1px solid; font-size: 0.85em; font-weight: 600; white-space: nowrap; }
.v-demonstrated, .s-passed { color: var(--pass); border-color: var(--pass); background: var(--pass-bg); }
.v-violated, .s-failed, .s-candidate-fault, .s-faulted { color: var(--fail-fg); border-color: var(--fail); background: var(--fail-bg); }
.v-not-demonstrated, .s-partial, .s-unsupported, .s-not-tested, .s-skipped { color: var(--warn-fg); border-color: var(--warn); background: var(--warn-bg); }
.v-not-applicable, .s-not-applicable { color: var(--na); border-color: var(--line); background: var(--na-bg); }
.chips { display: flex; flex-wrap: wrap; gap: 4px; }
.chip { display: inline-block; padding: 0 6px; border-radius: 4px; border: 1px solid; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.8em; text-decoration: none; white-space: nowrap; }
.chip:hover { text-decoration: underline; }

/* Tables */
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; padding: 8px 12px; color: var(--muted); caption-side: top; }
th, td { text-align: left; vertical-align: top; padding: 7px 12px; border-top: 1px solid var(--line); }
thead th { position: sticky; top: 0; background: var(--panel); border-top: 0; font-size: 0.87em; z-index: 1; }
tbody th { font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.row-violated > * { background: var(--fail-bg); }
.why { min-width: 30ch; }
.why details { margin-top: 4px; font-size: 0.87em; }
.why details ul { margin: 4px 0 0; padding-left: 1.2em; }

/* Failures */
.failure { border: 1px solid var(--line); border-left: 6px solid var(--fail); border-radius: 6px; padding: 12px 16px; margin: 0 0 12px; background: var(--bg); }
.failure header { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: baseline; }
.failure .title { margin: 4px 0; }
.failure .title .small { color: var(--muted); }
.failure pre { margin: 8px 0; padding: 10px 12px; background: var(--code-bg); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 18em; overflow: auto; }
.replay { display: flex; gap: 8px; align-items: stretch; margin: 8px 0 0; }
.replay code { flex: 1; display: block; padding: 8px 12px; background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; user-select: all; }
.replay-label { font-weight: 600; font-size: 0.87em; margin: 8px 0 2px; }
ol.steps { margin: 4px 0; padding-left: 2.2em; font-size: 0.87em; }
details.transcript { margin-top: 8px; }
details.transcript table { font-size: 0.82em; }
code.bytes { display: block; max-width: 48ch; white-space: pre-wrap; overflow-wrap: anywhere; user-select: all; }
button { font: inherit; font-size: 0.87em; padding: 4px 12px; border-radius: 6px; border: 1px solid var(--line); background: var(--panel); color: var(--fg); cursor: pointer; }
button:hover { border-color: var(--link); }

/* Filters */
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 0 0 10px; }
.controls label { display: flex; flex-direction: column; font-size: 0.85em; font-weight: 600; gap: 2px; }
.controls input, .controls select { font: inherit; font-size: 0.95em; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.controls input[type=search] { min-width: 22ch; }
.shown { font-size: 0.87em; color: var(--muted); margin-left: auto; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.details dt { font-weight: 600; }
dl.details dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.87em; }

@media (max-width: 720px) { body { padding: 0 12px 32px; } .headline { grid-template-columns: 1fr; } }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  .controls, .copy, nav.toc, .skip, .download, noscript { display: none !important; }
  a { color: inherit; text-decoration: none; }
  .table-wrap { overflow: visible; border: 0; }
  thead th { position: static; }
  tr, .failure { break-inside: avoid; }
  h2 { break-after: avoid; }
  .failure pre { max-height: none; }
  .headline, .badge, .chip, tr.row-violated > * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/** Plain ES2017 with no external references; runs once the page is parsed (it is the last element). */
export const SCRIPT = `
(function () {
  'use strict';
  var source = document.getElementById('sigparity-report');
  if (!source) return;
  var report = JSON.parse(source.textContent);
  var LABEL = { passed: 'passed', failed: 'failed', skipped: 'skipped', unsupported: 'unsupported', 'candidate-fault': 'candidate fault' };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var key in attrs) if (attrs[key] !== undefined) node.setAttribute(key, attrs[key]);
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }
  function firstLine(text) {
    var lines = String(text || '').split('\\n');
    for (var i = 0; i < lines.length; i++) if (lines[i].trim()) return lines[i].trim();
    return '';
  }
  // A result that ended as its expectations entry says (reports/model/gating.ts).
  function expected(r) {
    return r.status !== 'passed' && r.expectation && r.expectation.status === r.status;
  }

  // All results, sorted by ID, built from the embedded report.
  var body = document.getElementById('results-body');
  if (body) {
    var failureIds = {};
    document.querySelectorAll('article.failure').forEach(function (a) { failureIds[a.id] = true; });
    var results = report.results.slice().sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
    var fragment = document.createDocumentFragment();
    results.forEach(function (r) {
      var idCell = el('td', {}, [el('code', {}, [r.id])]);
      var detail = r.status === 'failed' || r.status === 'candidate-fault' ? (r.failingStep || firstLine((r.fault && r.fault.message) || r.error))
        : r.status === 'unsupported' ? (r.unsupportedReason || '') : '';
      var titleCell = el('td', {}, [r.title]);
      if (detail) {
        var p = el('div', { 'class': 'small' + (r.status === 'unsupported' ? ' muted' : '') }, [detail + ' ']);
        if (failureIds['fail-' + r.id]) p.append(el('a', { href: '#fail-' + r.id }, ['details']));
        titleCell.append(p);
      }
      var reqs = el('td', {}, [el('span', { 'class': 'chips' }, r.requirements.map(function (id) {
        return el('a', { 'class': 'chip s-not-applicable', href: '#req-' + id }, [id]);
      }))]);
      var row = el('tr', { 'data-status': r.status }, [
        idCell,
        el('td', {}, [el('span', { 'class': 'badge s-' + r.status }, [(LABEL[r.status] || r.status) + (expected(r) ? ' (expected)' : '')])]),
        titleCell, reqs,
        el('td', { 'class': 'num' }, [String(r.durationMs) + ' ms']),
      ]);
      row.dataset.search = (r.id + ' ' + r.title + ' ' + r.requirements.join(' ') + ' ' + detail).toLowerCase();
      fragment.append(row);
    });
    body.append(fragment);
  }

  // Filters: every control in a .controls[data-table] box narrows that table's body rows.
  document.querySelectorAll('.controls[data-table]').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-table'));
    var shown = box.querySelector('.shown');
    var controls = box.querySelectorAll('input, select');
    var empty = table.querySelector('tfoot');
    function apply() {
      var rows = table.tBodies[0].rows, visible = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], ok = true;
        controls.forEach(function (c) {
          var v = c.value.trim().toLowerCase();
          if (!v) return;
          var key = c.getAttribute('data-key');
          if (key === 'search') { if (row.dataset.search.indexOf(v) < 0) ok = false; }
          else if (key === 'status' && v === 'problems') { if (!/^(failed|candidate-fault|faulted)$/.test(row.dataset.status)) ok = false; }
          else if ((row.dataset[key] || '').toLowerCase() !== v) ok = false;
        });
        row.hidden = !ok;
        if (ok) visible++;
      }
      if (shown) shown.textContent = 'showing ' + visible + ' of ' + rows.length;
      if (empty) empty.hidden = visible !== 0;
    }
    controls.forEach(function (c) { c.addEventListener('input', apply); c.addEventListener('change', apply); });
    box.hidden = false;
    apply();
  });

  // A link to a requirement row or failure brings it into view even when a filter hid it.
  window.addEventListener('hashchange', reveal);
  function reveal() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var table = target && target.closest('table');
    if (table && target.hidden) {
      var box = document.querySelector('.controls[data-table="' + table.id + '"]');
      if (box) box.querySelectorAll('input, select').forEach(function (c) { c.value = ''; c.dispatchEvent(new Event('change')); });
      target.scrollIntoView();
    }
  }

  reveal();

  // Copy buttons for replay commands.
  document.querySelectorAll('button.copy').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var code = document.getElementById(button.getAttribute('data-copy'));
      var text = code ? code.textContent : '';
      function done(ok) { button.textContent = ok ? 'Copied' : 'Select and copy'; setTimeout(function () { button.textContent = 'Copy'; }, 2000); }
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { done(true); }, function () { select(code); done(false); });
      else { select(code); done(false); }
    });
  });
  function select(node) {
    if (!node) return;
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // The embedded report, as the report.json it was rendered from.
  var download = document.getElementById('download-json');
  if (download) {
    download.hidden = false;
    download.addEventListener('click', function () {
      var blob = new Blob([JSON.stringify(report, null, 2) + '\\n'], { type: 'application/json' });
      var link = el('a', { href: URL.createObjectURL(blob), download: 'report.json' }, []);
      document.body.append(link);
      link.click();
      link.remove();
    });
  }

  // Printing shows every collapsed section.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();
`;
