// Loulan: jump to a floor. Progressive enhancement only — every page works without it:
// the jump form is a GET form to the thread's floor index, which lists each page's floors.
(function () {
  'use strict';

  var FLOOR = /^#f(\d+)(?:-\d+)?$/;

  function floorOf(value) {
    var n = parseInt(String(value).replace(/^#/, ''), 10);
    return n > 0 ? n : null;
  }

  /** Go to floor n: scroll when it is on this page, else ask the floor index. */
  function go(n, form) {
    var here = document.getElementById('f' + n);
    if (here) {
      if (location.hash === '#f' + n) here.scrollIntoView();
      else location.hash = 'f' + n;
      return;
    }
    var index = document.querySelector('[data-floor-index]');
    if (index) return fromIndex(index, n);
    if (form) location.href = form.action + '?floor=' + n;
  }

  /** On the floor index: the page whose floor range holds n. */
  function fromIndex(index, n) {
    var links = index.querySelectorAll('a[data-min]');
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (n >= +a.getAttribute('data-min') && n <= +a.getAttribute('data-max')) {
        location.replace(a.href + '#f' + n);
        return;
      }
    }
    var status = document.querySelector('.jump-status');
    if (status) {
      status.textContent = '本帖存档中没有第 ' + n + ' 楼，请从下面的列表选择。';
      status.hidden = false;
    }
  }

  function init() {
    var forms = document.querySelectorAll('form.jump');
    for (var i = 0; i < forms.length; i++) {
      forms[i].addEventListener('submit', function (e) {
        var n = floorOf(this.elements.floor.value);
        if (n === null) return;
        e.preventDefault();
        go(n, this);
      });
    }
    // The floor index opened by the form (?floor=N) or a link to #fN.
    var asked = floorOf(new URLSearchParams(location.search).get('floor') || '');
    if (asked !== null && document.querySelector('[data-floor-index]')) return go(asked, null);
    // A link to a floor that is on another page of the thread.
    var m = FLOOR.exec(location.hash);
    if (m && !document.getElementById(location.hash.slice(1)) && forms.length) go(+m[1], forms[0]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();

// Loulan: find an author by full name. The build writes u/names/<xx>.json (xx: a hash of the
// normalised name, see src/site/authors/names.ts), so a lookup reads one small file.
// Without JavaScript the form opens the authors index.
(function () {
  'use strict';

  function nameKey(name) {
    return name.normalize('NFKC').toLowerCase().trim();
  }

  function shardOf(key) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ('0' + (h & 0xff).toString(16)).slice(-2);
  }

  function show(form, matches, asked) {
    var status = document.querySelector('.find-status');
    var list = document.querySelector('.find-results');
    if (!status || !list) return;
    list.replaceChildren();
    for (var i = 0; i < matches.length; i++) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      var bdi = document.createElement('bdi');
      bdi.textContent = matches[i][0];
      a.href = form.getAttribute('data-authors') + matches[i][1] + '/';
      a.appendChild(bdi);
      li.appendChild(a);
      li.appendChild(document.createTextNode('（' + matches[i][2] + ' 条帖子）'));
      list.appendChild(li);
    }
    list.hidden = matches.length === 0;
    status.textContent = matches.length ? '找到 ' + matches.length + ' 位作者：' : '存档中没有名为“' + asked + '”的作者（需输入完整用户名）。';
    status.hidden = false;
  }

  function find(form, asked) {
    var key = nameKey(asked);
    if (!key) return;
    fetch(form.getAttribute('data-names') + shardOf(key) + '.json')
      .then(function (r) {
        return r.ok ? r.json() : {};
      })
      .then(function (shard) {
        show(form, Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : [], asked);
      })
      .catch(function () {
        show(form, [], asked);
      });
  }

  function init() {
    var form = document.querySelector('form.find-author');
    if (!form) return;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      find(form, form.elements.q.value);
    });
    var asked = new URLSearchParams(location.search).get('q');
    if (asked) {
      form.elements.q.value = asked;
      find(form, asked);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
