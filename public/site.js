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
