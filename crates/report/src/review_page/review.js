// review.html's script: renders the run's items (JSON in #tally-data) as text nodes, keeps
// the reviewer's decisions in localStorage under the run's key, and exports them, with the
// decisions the run already applied, as the decisions file `tally analyse --review` reads.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('tally-data').textContent);
  var PAGE = 10;
  var STORE = 'tally-review:' + data.run;
  var themes = data.themes;
  var NONE = themes.length;
  var SEP = '\u0001';
  var PAST = { accept: 'accepted', reject: 'rejected', add: 'added' };
  function key(id, theme) { return id + SEP + theme; }

  var applied = {};
  data.applied.forEach(function (d) { applied[key(d.response_id, d.theme)] = d; });
  var unmatched = {};
  data.unmatched.forEach(function (u) { unmatched[key(u.response_id, u.theme)] = u.reason; });

  // local: { decisions: { key: {response_id, theme, decision, evidence?} | {response_id, theme, decision: null} }, order: [key], reviewer }
  var saved = true;
  var local = { decisions: {}, order: [], reviewer: '' };
  try {
    var raw = window.localStorage.getItem(STORE);
    if (raw) {
      var got = JSON.parse(raw);
      if (got && typeof got === 'object' && got.decisions && Array.isArray(got.order)) local = got;
    }
  } catch (e) {
    saved = false;
  }
  // a decision the run has now applied is no longer the reviewer's own: it shows as applied
  Object.keys(local.decisions).forEach(function (k) {
    var d = local.decisions[k];
    var a = applied[k];
    if (a ? a.decision === d.decision && (a.evidence || '') === (d.evidence || '') : d.decision === null) {
      delete local.decisions[k];
    }
  });
  local.order = local.order.filter(function (k) { return Object.prototype.hasOwnProperty.call(local.decisions, k); });

  function save() {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(local));
    } catch (e) {
      saved = false;
    }
  }

  var state = { theme: firstTheme(), q: '', ty: '', rule: '', c: '', page: 0, cur: 0 };

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (a) { n.setAttribute(a, attrs[a]); });
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function coding(item, t) {
    for (var i = 0; i < item.k.length; i++) if (item.k[i].t === t) return item.k[i];
    return null;
  }

  function listedFor(t) {
    return data.items.filter(function (it) {
      return t === NONE ? it.k.length === 0 : coding(it, t) !== null;
    });
  }

  function firstTheme() {
    for (var t = 0; t < themes.length; t++) if (listedFor(t).length) return t;
    return NONE;
  }

  // the decision in force for (response, theme): the reviewer's own, else the run's
  function effective(id, theme) {
    var k = key(id, theme);
    if (Object.prototype.hasOwnProperty.call(local.decisions, k)) return local.decisions[k].decision;
    return applied[k] ? applied[k].decision : null;
  }

  function setLocal(id, theme, decision, evidence) {
    var k = key(id, theme);
    var a = applied[k];
    if (decision === (a ? a.decision : null) && !evidence) {
      delete local.decisions[k];
      local.order = local.order.filter(function (x) { return x !== k; });
    } else {
      var d = { response_id: id, theme: theme, decision: decision };
      if (evidence) d.evidence = evidence;
      if (!Object.prototype.hasOwnProperty.call(local.decisions, k)) local.order.push(k);
      local.decisions[k] = d;
    }
    save();
  }

  function toggle(item, theme, decision) {
    var now = effective(item.id, theme);
    setLocal(item.id, theme, now === decision ? null : decision);
    render();
  }

  function visible() {
    return listedFor(state.theme).filter(function (it) {
      if (state.q && it.q !== state.q) return false;
      if (state.ty && it.ty !== state.ty) return false;
      if (state.c === '-' && it.c) return false;
      if (state.c && state.c !== '-' && it.c !== state.c) return false;
      if (state.rule !== '' && state.theme !== NONE) {
        var r = Number(state.rule);
        var k = coding(it, state.theme);
        if (!k || !k.s.some(function (s) { return s[2] === r; })) return false;
      }
      return true;
    });
  }

  // a long text shows a window around its first evidence, with a button for the rest
  var LONG = 1200;
  var full = {};

  // `at` moved off the second half of a surrogate pair, so a cut never splits a character
  function whole(text, at) {
    var c = text.charCodeAt(at);
    return c >= 0xdc00 && c <= 0xdfff ? at + 1 : at;
  }

  function highlighted(item, t, n) {
    var p = el('p', { class: 'text', id: 'text-' + n });
    var k = t === NONE ? null : coding(item, t);
    var spans = (k ? k.s : []).slice().sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var from = 0;
    var to = item.text.length;
    var long = item.text.length > LONG;
    if (long && !full[item.id]) {
      var first = spans.length ? spans[0][0] : 0;
      from = whole(item.text, Math.max(0, first - 300));
      to = whole(item.text, Math.min(item.text.length, from + LONG));
    }
    if (from > 0) p.appendChild(el('span', { class: 'cut' }, '… '));
    var at = from;
    spans.forEach(function (s) {
      var start = Math.max(s[0], at);
      var end = Math.min(s[1], to);
      if (end <= start) return;
      if (start > at) p.appendChild(document.createTextNode(item.text.slice(at, start)));
      p.appendChild(el('mark', { title: 'rule: ' + data.rules[s[2]] }, item.text.slice(start, end)));
      at = end;
    });
    p.appendChild(document.createTextNode(item.text.slice(at, to)));
    if (to < item.text.length) p.appendChild(el('span', { class: 'cut' }, ' …'));
    if (item.cut && to === item.text.length) p.appendChild(el('span', { class: 'cut' }, ' … (text cut here; the full text is in coded.csv)'));
    var box = el('div');
    box.appendChild(p);
    if (long) {
      var more = el('button', { type: 'button', class: 'link', id: 'more-' + n, 'aria-controls': 'text-' + n, 'aria-expanded': full[item.id] ? 'true' : 'false' },
        full[item.id] ? 'Show less of the text' : 'Show the whole text');
      more.addEventListener('click', function () { full[item.id] = !full[item.id]; render(); });
      box.appendChild(more);
    }
    return box;
  }

  function describe(id, theme) {
    var k = key(id, theme);
    var mine = Object.prototype.hasOwnProperty.call(local.decisions, k);
    var a = applied[k];
    if (mine) {
      var d = local.decisions[k].decision;
      return d === null
        ? 'Your change: withdraw the applied ' + a.decision + ' (export and re-run to apply)'
        : 'Your decision: ' + d + ' (export and re-run to apply)';
    }
    if (a) {
      if (unmatched[k]) return 'In the decisions file (' + a.decision + ' by ' + a.reviewer + ') but not applied: ' + unmatched[k];
      return 'Applied in this run: ' + PAST[a.decision] + ' by ' + a.reviewer;
    }
    return 'Not reviewed';
  }

  function label(t) { return themes[t].label + ' (' + themes[t].id + ')'; }

  function decideGroup(item, t, n) {
    var g = el('div', { class: 'decide', role: 'group', 'aria-label': 'Coding: ' + themes[t].label });
    var k = key(item.id, themes[t].id);
    var eff = effective(item.id, themes[t].id);
    var st = el('p', { class: 'state' + (applied[k] && !local.decisions[k] ? ' applied' : '') }, describe(item.id, themes[t].id));
    st.setAttribute('data-state', applied[k] && !Object.prototype.hasOwnProperty.call(local.decisions, k) ? 'applied-' + applied[k].decision : eff ? 'pending-' + eff : 'none');
    g.appendChild(el('span', { class: 'theme-name' }, label(t)));
    [['accept', 'Accept'], ['reject', 'Reject']].forEach(function (b) {
      var btn = el('button', {
        type: 'button',
        id: b[0] + '-' + n,
        class: b[0],
        'aria-pressed': eff === b[0] ? 'true' : 'false',
        'aria-label': b[1] + ' ' + themes[t].label + ' for ' + item.id
      }, b[1]);
      btn.addEventListener('click', function () { toggle(item, themes[t].id, b[0]); });
      g.appendChild(btn);
    });
    g.appendChild(st);
    return g;
  }

  function others(item) {
    var box = el('div', { class: 'others' });
    var rest = item.k.filter(function (k) { return k.t !== state.theme; });
    var adds = local.order.filter(function (k) {
      var d = local.decisions[k];
      return d && d.response_id === item.id && d.decision === 'add' && !coding(item, themeIndex(d.theme));
    });
    if (rest.length) {
      box.appendChild(el('p', null, 'Also coded: ' + rest.map(function (k) {
        return themes[k.t].label + (k.x ? ' (rejected)' : '') + ' — ' + describe(item.id, themes[k.t].id).toLowerCase();
      }).join('; ')));
    }
    data.applied.forEach(function (d) {
      if (d.response_id === item.id && d.decision === 'add' && themeIndex(d.theme) >= 0 && !coding(item, themeIndex(d.theme)) && !local.decisions[key(d.response_id, d.theme)]) {
        box.appendChild(el('p', { class: 'state applied', 'data-state': 'applied-add' }, 'Added in the decisions file, not applied: ' + (unmatched[key(d.response_id, d.theme)] || d.theme)));
      }
    });
    adds.forEach(function (k) {
      var d = local.decisions[k];
      var row = el('p', { class: 'state', 'data-state': 'pending-add' }, 'Your decision: add ' + themes[themeIndex(d.theme)].label + (d.evidence ? ' ("' + d.evidence + '")' : '') + ' (export and re-run to apply) ');
      var undo = el('button', { type: 'button', class: 'link', 'aria-label': 'Remove the added theme ' + themes[themeIndex(d.theme)].label + ' for ' + item.id }, 'Remove');
      undo.addEventListener('click', function () { setLocal(d.response_id, d.theme, null); render(); });
      row.appendChild(undo);
      box.appendChild(row);
    });
    return box;
  }

  function themeIndex(id) {
    for (var t = 0; t < themes.length; t++) if (themes[t].id === id) return t;
    return -1;
  }

  function addForm(item, n) {
    var f = el('div', { class: 'add' });
    var sel = el('select', { id: 'add-theme-' + n });
    sel.appendChild(el('option', { value: '' }, 'Choose a theme'));
    themes.forEach(function (th, t) {
      var k = coding(item, t);
      if (!k || k.x) sel.appendChild(el('option', { value: th.id }, th.label));
    });
    var ev = el('input', { id: 'add-evidence-' + n, type: 'text', autocomplete: 'off' });
    var btn = el('button', { type: 'button', class: 'secondary' }, 'Add theme');
    btn.setAttribute('aria-label', 'Add the chosen theme to ' + item.id);
    btn.addEventListener('click', function () {
      if (!sel.value) { status('Choose a theme to add first.'); sel.focus(); return; }
      var evidence = ev.value.trim();
      if (evidence && item.text.indexOf(evidence) < 0) {
        status('The evidence must be words of the response, as written.');
        ev.focus();
        return;
      }
      setLocal(item.id, sel.value, 'add', evidence);
      render();
      status('Added ' + themes[themeIndex(sel.value)].label + ' to ' + item.id + '.');
    });
    f.appendChild(el('label', { for: 'add-theme-' + n }, 'Add a theme'));
    f.appendChild(sel);
    f.appendChild(el('label', { for: 'add-evidence-' + n }, 'Words that raise it (optional)'));
    f.appendChild(ev);
    f.appendChild(btn);
    return f;
  }

  function card(item, n) {
    var li = el('li', { class: 'item', tabindex: '-1', 'data-response': item.id });
    var bits = [item.id, 'question ' + item.q, item.ty || 'no respondent type'];
    if (item.c) bits.push('campaign ' + item.c + ' (' + item.cr + ')');
    li.appendChild(el('h3', null, bits.join(' · ')));
    li.appendChild(highlighted(item, state.theme, n));
    if (state.theme !== NONE) {
      var k = coding(item, state.theme);
      var rules = [];
      k.s.forEach(function (s) { if (rules.indexOf(data.rules[s[2]]) < 0) rules.push(data.rules[s[2]]); });
      li.appendChild(el('p', { class: 'rules' }, k.x ? 'Rejected by review: not counted, evidence not kept.' : 'Rule: ' + (rules.join(', ') || 'none recorded')));
      li.appendChild(decideGroup(item, state.theme, n));
    }
    li.appendChild(others(item));
    li.appendChild(addForm(item, n));
    li.addEventListener('focusin', function () { state.cur = n; });
    return li;
  }

  function option(sel, value, text, chosen) {
    var o = el('option', { value: value }, text);
    if (value === chosen) o.selected = true;
    sel.appendChild(o);
  }

  function filter(id, text, opts, field) {
    var wrap = el('div', { class: 'filter' });
    wrap.appendChild(el('label', { for: id }, text));
    var sel = el('select', { id: id });
    option(sel, '', 'All', state[field]);
    opts.forEach(function (o) { option(sel, o[0], o[1], state[field]); });
    sel.addEventListener('change', function () {
      state[field] = sel.value;
      state.page = 0;
      state.cur = 0;
      render();
      document.getElementById(id).focus();
    });
    wrap.appendChild(sel);
    return wrap;
  }

  function distinct(f) {
    var seen = [];
    data.items.forEach(function (it) { var v = f(it); if (v && seen.indexOf(v) < 0) seen.push(v); });
    return seen.sort();
  }

  function nav() {
    var n = el('nav', { 'aria-label': 'Themes' });
    n.appendChild(el('h2', null, 'Themes'));
    var ul = el('ul');
    for (var t = 0; t <= NONE; t++) {
      var shown = listedFor(t).length;
      if (!shown) continue;
      var total = t === NONE ? data.none_total : themes[t].total;
      var name = t === NONE ? 'No theme' : themes[t].label;
      var b = el('button', { type: 'button', class: 'theme', 'data-theme': t === NONE ? '' : themes[t].id }, name);
      b.appendChild(el('span', { class: 'n' }, shown + (total > shown ? ' of ' + total : '')));
      if (t === state.theme) b.setAttribute('aria-current', 'true');
      (function (t) {
        b.addEventListener('click', function () { state.theme = t; state.page = 0; state.cur = 0; state.rule = ''; render(); focusCard(0); });
      })(t);
      var li = el('li');
      li.appendChild(b);
      ul.appendChild(li);
    }
    n.appendChild(ul);
    return n;
  }

  function pendingCount() { return local.order.length; }

  function toolbar() {
    var bar = el('div', { class: 'bar' });
    var rl = el('label', { for: 'reviewer' }, 'Reviewer (your initials)');
    var ri = el('input', { id: 'reviewer', type: 'text', autocomplete: 'off', value: local.reviewer || '' });
    ri.addEventListener('input', function () { local.reviewer = ri.value; save(); });
    var ex = el('button', { type: 'button', id: 'export' }, 'Export decisions (' + pendingCount() + ' new)');
    ex.addEventListener('click', exportFile);
    bar.appendChild(rl);
    bar.appendChild(ri);
    bar.appendChild(ex);
    bar.appendChild(el('p', { id: 'status', role: 'status', 'aria-live': 'polite' }, saved ? '' : 'This browser does not keep the decisions: export them before you close the page.'));
    return bar;
  }

  function status(text) {
    var s = document.getElementById('status');
    if (s) s.textContent = text;
  }

  // the decisions file: the run's decisions with the reviewer's changes, then the new ones
  function decisionsFile() {
    var out = [];
    var done = {};
    data.applied.forEach(function (d) {
      var k = key(d.response_id, d.theme);
      done[k] = true;
      if (!Object.prototype.hasOwnProperty.call(local.decisions, k)) { out.push(d); return; }
      var mine = local.decisions[k];
      if (mine.decision === null) return;
      out.push(entry(mine));
    });
    local.order.forEach(function (k) {
      if (done[k] || !local.decisions[k] || local.decisions[k].decision === null) return;
      out.push(entry(local.decisions[k]));
    });
    return { decisions: out };
  }

  function entry(d) {
    var e = { response_id: d.response_id, theme: d.theme, decision: d.decision };
    if (d.evidence) e.evidence = d.evidence;
    e.reviewer = local.reviewer.trim();
    return e;
  }

  function exportFile() {
    if (!(local.reviewer || '').trim() && pendingCount() > 0) {
      status('Enter your initials as reviewer before exporting.');
      document.getElementById('reviewer').focus();
      return;
    }
    var text = JSON.stringify(decisionsFile(), null, 2) + '\n';
    window.tallyExport = text;
    var a = el('a', { download: 'decisions.json' });
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    document.body.appendChild(a);
    a.click();
    a.remove();
    status('Exported decisions.json (' + decisionsFile().decisions.length + ' decisions). Run: tally analyse --review decisions.json');
  }

  function pager(total, pages) {
    var p = el('div', { class: 'pager' });
    var prev = el('button', { type: 'button', class: 'secondary' }, 'Previous page');
    var next = el('button', { type: 'button', class: 'secondary' }, 'Next page');
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    prev.addEventListener('click', function () { state.page--; state.cur = 0; render(); focusCard(0); });
    next.addEventListener('click', function () { state.page++; state.cur = 0; render(); focusCard(0); });
    p.appendChild(prev);
    p.appendChild(el('span', null, 'Page ' + (state.page + 1) + ' of ' + Math.max(pages, 1) + ' (' + total + ' responses)'));
    p.appendChild(next);
    return p;
  }

  function render() {
    var app = document.getElementById('app');
    var keep = document.activeElement && document.activeElement.id;
    app.textContent = '';
    app.appendChild(toolbar());
    var layout = el('div', { class: 'layout' });
    layout.appendChild(nav());
    var main = el('main', { id: 'main' });
    var title = state.theme === NONE ? 'Responses coded with no theme' : themes[state.theme].label;
    main.appendChild(el('h2', null, title));
    var fl = el('div', { class: 'filters' });
    fl.appendChild(filter('f-question', 'Question', distinct(function (it) { return it.q; }).map(function (q) {
      var qt = data.questions.filter(function (x) { return x.id === q; })[0];
      return [q, qt ? q + ': ' + qt.text : q];
    }), 'q'));
    fl.appendChild(filter('f-type', 'Respondent type', distinct(function (it) { return it.ty; }).map(function (v) { return [v, v]; }), 'ty'));
    if (state.theme !== NONE) {
      var rs = [];
      listedFor(state.theme).forEach(function (it) { coding(it, state.theme).s.forEach(function (s) { if (rs.indexOf(s[2]) < 0) rs.push(s[2]); }); });
      fl.appendChild(filter('f-rule', 'Rule', rs.sort(function (a, b) { return a - b; }).map(function (r) { return [String(r), data.rules[r]]; }), 'rule'));
    }
    fl.appendChild(filter('f-campaign', 'Campaign', [['-', 'Not in a campaign']].concat(distinct(function (it) { return it.c; }).map(function (c) { return [c, c]; })), 'c'));
    main.appendChild(fl);
    var items = visible();
    var pages = Math.ceil(items.length / PAGE);
    if (state.page >= pages) state.page = Math.max(pages - 1, 0);
    var ol = el('ol', { id: 'items', class: 'items' });
    items.slice(state.page * PAGE, state.page * PAGE + PAGE).forEach(function (it, n) { ol.appendChild(card(it, n)); });
    if (!items.length) main.appendChild(el('p', null, 'No response matches these filters.'));
    main.appendChild(ol);
    if (pages > 1) main.appendChild(pager(items.length, pages));
    layout.appendChild(main);
    app.appendChild(layout);
    if (keep && document.getElementById(keep)) document.getElementById(keep).focus();
    else focusCard(state.cur, true);
  }

  function cards() { return document.querySelectorAll('#items > li.item'); }

  function focusCard(n, quiet) {
    var cs = cards();
    if (!cs.length) return;
    n = Math.max(0, Math.min(n, cs.length - 1));
    state.cur = n;
    if (quiet && !document.activeElement.closest('.item')) return;
    cs[n].focus();
  }

  function currentItem() {
    var cs = cards();
    var at = document.activeElement && document.activeElement.closest ? document.activeElement.closest('#items > li.item') : null;
    var n = at ? Array.prototype.indexOf.call(cs, at) : state.cur;
    var items = visible().slice(state.page * PAGE, state.page * PAGE + PAGE);
    return { n: n, item: items[n] };
  }

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    var c = currentItem();
    var pages = Math.ceil(visible().length / PAGE);
    var inCard = document.activeElement && document.activeElement.closest && document.activeElement.closest('#items > li.item');
    if ((e.key === 'j' || e.key === 'k') && !inCard) {
      focusCard(state.cur);
    } else if (e.key === 'j') {
      if (c.n >= cards().length - 1 && state.page < pages - 1) { state.page++; render(); focusCard(0); }
      else focusCard(c.n + 1);
    } else if (e.key === 'k') {
      if (c.n <= 0 && state.page > 0) { state.page--; render(); focusCard(PAGE - 1); }
      else focusCard(c.n - 1);
    } else if ((e.key === 'a' || e.key === 'r' || e.key === 'u') && c.item && state.theme !== NONE) {
      var th = themes[state.theme].id;
      if (e.key === 'u') setLocal(c.item.id, th, applied[key(c.item.id, th)] ? applied[key(c.item.id, th)].decision : null);
      else setLocal(c.item.id, th, e.key === 'a' ? 'accept' : 'reject');
      render();
      focusCard(c.n);
      status(describe(c.item.id, th) + ' — ' + c.item.id + ', ' + themes[state.theme].label);
    } else {
      return;
    }
    e.preventDefault();
  });

  render();
})();
