// Hostile inputs for the dump → site pipeline. Sources: OWASP's XSS Filter Evasion Cheat
// Sheet, PortSwigger's XSS cheat sheet (event handlers, mXSS, parser differentials), and
// vectors aimed at this pipeline: the six raw tags the dump format allows (docs/format.md
// F10.10), its repairs (doubled schemes, `http://data:`, `<[` merges, `"/)` tag ends),
// Markdown links, signatures, quote attributions, names used in paths, and template
// syntax for the site generator (server-side template injection).
//
// Every vector must render as inert text or as a safe, sanitized element. The tests
// assert: no dialog fires, no script/handler/style/unsafe URL reaches the output.

import fc from 'fast-check';
import { quoteA, quoteB } from '../helpers/dump.ts';

/** Markers that must survive as literal text somewhere (proof the input was not dropped). */
export const SSTI = ['{{7*7}}', '{% raw %}', '${7*7}', '<%= 7*7 %>', '{{constructor.constructor("alert(1)")()}}'];

/** Body fragments; each is one or more lines of a post body. */
export const BODY_VECTORS: string[] = [
  // --- script and markup that is not one of the six tags: must become text
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//127.0.0.1:9/x.js></SCRIPT>',
  '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<svg onload=alert(1)>',
  '<svg/onload=alert(1)>',
  '<svg><script>alert&#40;1&#41;</script></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>Click</text></a></svg>',
  '<math><maction actiontype=statusline xlink:href=javascript:alert(1)>click</maction></math>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<textarea><img src=x onerror=alert(1)></textarea>',
  '<style><img src=x onerror=alert(1)></style>',
  '<style>@keyframes x{}</style><xss style="animation-name:x" onanimationstart="alert(1)"></xss>',
  '<template><img src=x onerror=alert(1)></template>',
  '<iframe srcdoc="&lt;img src=1 onerror=alert(1)&gt;"></iframe>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<xss onfocus=alert(1) autofocus tabindex=1>x</xss>',
  '<details open ontoggle=alert(1)>',
  '<video autoplay onloadstart=alert(1)><source src=x onerror=alert(1)></video>',
  '<body onload=alert(1) onpageshow=alert(1)>',
  '<marquee onstart=alert(1)>m</marquee>',
  '<button popovertarget=x>Click</button><xss ontoggle=alert(1) popover id=x>XSS</xss>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  '<!--[if gte IE 4]><SCRIPT>alert(1);</SCRIPT><![endif]-->',
  '</title><script>alert(1)</script>',
  '</textarea></style></script></noscript></template><img src=x onerror=alert(1)>',
  '\\";alert(1);//',
  "';alert(String.fromCharCode(88,83,83))//';alert(1)//\";alert(1)//--></SCRIPT>\">'><SCRIPT>alert(1)</SCRIPT>",
  '<div style="background-image: url(javascript:alert(1))">d</div><div style="width: expression(alert(1));">e</div>',
  '<a href="javascript:void(0)" onmouseover=&NewLine;javascript:alert(1)&NewLine;>X</a>',

  // --- the six raw tags, abused
  '<img src="javascript:alert(1)" referrerpolicy="no-referrer">',
  '<img src=x onerror=alert(1)>',
  '<img src="https://img.saraba1st.com/forum/202301/01/x.jpg" onerror="alert(1)" referrerpolicy="no-referrer">',
  '<img src="x" onerror="alert(1)"/)',
  '<img src="https://p.sda1.dev/1/a.jpg" id="aimg_1" onclick="alert(1)" onmouseover="alert(1)"/)',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<img src="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)" referrerpolicy="no-referrer">',
  '<img src="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">',
  '<img src="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">',
  '<img src="jav\tascript:alert(1);" referrerpolicy="no-referrer">',
  '<img src="jav&#x09;ascript:alert(1);" referrerpolicy="no-referrer">',
  '<img src="jav&#x0A;ascript:alert(1);" referrerpolicy="no-referrer">',
  '<img src=" &#14;  javascript:alert(1);" referrerpolicy="no-referrer">',
  '<img src="java\u0000script:alert(1)" referrerpolicy="no-referrer">',
  '<img src="vbscript:msgbox(1)" referrerpolicy="no-referrer">',
  '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" referrerpolicy="no-referrer">',
  '<img src="http://data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" referrerpolicy="no-referrer">',
  '<img src="http://data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=" referrerpolicy="no-referrer">',
  '<img src="https://a.example/x.png&quot; onerror=&quot;alert(1)" referrerpolicy="no-referrer">',
  '<img src="https://a.example/x.png&amp;quot; onerror=&amp;quot;alert(1)" referrerpolicy="no-referrer">',
  '<img src="https://a.example/&#34;&#62;&#60;svg onload=alert(1)&#62;.png" referrerpolicy="no-referrer">',
  '<img src="https://img.saraba1st.com/forum/202307/30/x.jpeg" referrerpolicy="no-referrer">" src="javascript:alert(1)" onerror="alert(1)" referrerpolicy="no-referrer">',
  '<[img src=x onerror=alert(1)>',
  '<[img src="javascript:alert(1)" referrerpolicy="no-referrer">',
  '<[script>alert(1)<[/script>',
  '<[/blockquote><script>alert(1)</script>',
  '<[strong onmouseover=alert(1)>b</strong>',
  '<strong onmouseover="alert(1)" style="color:red">bold</strong>',
  '<strong><script>alert(1)</script></strong>',
  '<strong>unbalanced <img src=x onerror=alert(1)>',
  '<hr class="l" onmouseover="alert(1)"/)',
  '<input name="formhash" type="hidden" value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"/)',
  '<input type="image" src="javascript:alert(1)" onfocus="alert(1)" autofocus/)',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)" target="_blank">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="jav&Tab;ascript:alert(1)">x</a>',
  '<a href="java&amp;#115;cript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
  '<a href="https://ok.example/" onclick="alert(1)" style="x" target="_self">x</a>',
  '<a href="https://ok.example/"onmouseover="alert(1)">x</a>',

  // --- quotes: attribution and anchor abuse, broken nesting
  '<blockquote><a href="javascript:alert(1)" target="_blank">evil 发表于 2023-1-1 00:00</a>\n\nexcerpt</blockquote>',
  '<blockquote><a href="httpjavascript:alert(1)" target="_blank">evil 发表于 2023-1-1 00:01</a>\n\nexcerpt</blockquote>',
  '<blockquote><a href="httphttpjavascript:alert(1)" target="_blank">evil 发表于 2023-1-1 00:02</a>\n\nexcerpt</blockquote>',
  '<blockquote><a href="httphttps:javascript:alert(1)" target="_blank">evil 发表于 2023-1-1 00:03</a>\n\nexcerpt</blockquote>',
  '<blockquote><a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=1&quot; onmouseover=&quot;alert(1)&amp;ptid=9000001" target="_blank">q 发表于 2023-1-1 00:04</a>\n\nexcerpt</blockquote>',
  '<blockquote><a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=2&amp;ptid=9000001" target="_blank" onclick="alert(1)">q 发表于 2023-1-1 00:05</a>\n\nexcerpt</blockquote>',
  '<blockquote><a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=3&amp;ptid=9000001" target="_blank">"><img src=x onerror=alert(1)> 发表于 2023-1-1 00:06</a>\n\nexcerpt</blockquote>',
  '<blockquote><a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=4&amp;ptid=9000001" target="_blank">&quot;&gt;&lt;svg onload=alert(1)&gt; 发表于 2023-1-1 00:07</a>\n\n&lt;script&gt;alert(1)&lt;/script&gt; ...</blockquote>',
  '<blockquote onmouseover="alert(1)" style="x">attr on blockquote 发表于 2023-1-1 00:08\nx</blockquote>',
  '<blockquote><img src=x onerror=alert(1)> 发表于 2023-1-1 00:09\nform B with markup in the attribution</blockquote>',
  '<blockquote>引用第1楼<script>alert(1)</script>于2023-04-08 16:00发表的\u00a0\u00a0:\nlegacy</blockquote>',
  '<blockquote><blockquote><blockquote>deep <img src=x onerror=alert(1)>',
  '</blockquote></blockquote><script>alert(1)</script>',
  '<blockquote><a href="https://x.example/" target="_blank">unterminated <blockquote>',
  '<blockquote><a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=5&amp;ptid=9000001" target="_blank">terminated? 发表于 2023-1-1 00:10</a></blockquote><a href="javascript:alert(1)">',
  '<[blockquote>merged <img src=x onerror=alert(1)></blockquote>',

  // --- Markdown links: only http(s) may link
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click]( javascript:alert(1))',
  '[click](java&#115;cript:alert(1))',
  '[click](javascript&colon;alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](http://javascript:alert(1))',
  '[click](https://ok.example/"onmouseover="alert(1))',
  '[click](https://ok.example/?q="><svg onload=alert(1)>)',
  '[click](https://ok.example/&quot;&gt;&lt;svg onload=alert(1)&gt;)',
  '[click](https://ok.example/&amp;quot;onmouseover=&amp;quot;alert(1))',
  "[click](https://ok.example/'onmouseover='alert(1))",
  '[click](https://ok.example/`onmouseover=alert(1))',
  '[click](https://ok.example/\u2028\u2029)',
  '[<img src=x onerror=alert(1)>](https://ok.example/)',
  '<[strong onmouseover=alert(1)>bold link</strong>](https://ok.example/)',
  '[[nested](https://ok.example/a)](javascript:alert(1))',
  '[a](https://ok.example/(b)/"onmouseover="alert(1))',
  '[a](httphttpjavascript:alert(1))',
  'https://ok.example/?a="><svg onload=alert(1)>',
  'javascript:alert(1)',
  'https://ok.example/&amp;x=1"onmouseover="alert(1)',

  // --- BBCode remnants stay text
  '[url=javascript:alert(1)]bb[/url]',
  '[url=http://ok.example/" onmouseover="alert(1)]bb[/url]',
  '[img]javascript:alert(1)[/img][img]https://ok.example/x.png" onerror="alert(1)[/img]',
  '[color=red" onmouseover="alert(1)]c[/color][size=7]s[/size][quote]q[/quote]',

  // --- smiley and attachment paths: traversal and markup
  '<img src="https://static.saraba1st.com/image/smiley/face2017/../../../../../../../../etc/passwd" referrerpolicy="no-referrer">',
  '<img src="https://static.saraba1st.com/image/smiley/../../../../../../../../etc/hostname.png" referrerpolicy="no-referrer">',
  '<img src="https://static.stage1st.com/image/smiley/face2017/..%2f..%2f..%2f..%2fetc%2fpasswd" referrerpolicy="no-referrer">',
  '<img src="https://static.saraba1st.com/image/smiley/face2017/001.png&quot; onerror=&quot;alert(1)" referrerpolicy="no-referrer">',
  '<img src="https://static.saraba1st.com/image/smiley/&quot;&gt;&lt;svg onload=alert(1)&gt;/001.png" referrerpolicy="no-referrer">',
  '<img src="https://img.saraba1st.com/forum/202301/01/a.jpg" referrerpolicy="no-referrer">\n\n<strong><img src=x onerror=alert(1)>.jpg</strong> (1 KB, 下载次数: 0)\n\n下载附件\n\n2023-1-1 00:00 上传',
  '<img src="https://img.saraba1st.com/forum/202301/01/b.jpg" referrerpolicy="no-referrer">\n\n"><svg onload=alert(1)>.png\n(1 KB, 下载次数: 0)\n\n下载附件\n\n由手机上传',
  '<img alt="" onerror="alert(1)" border="0" class="vm" src="https://static.saraba1st.com/image/filetype/unknown.gif" referrerpolicy="no-referrer">',

  // --- entities: decoded once, never twice
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;',
  '&lt;img src=x onerror=alert(1)&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '&amp;#60;img src=x onerror=alert(1)&amp;#62;',

  // --- Unicode: bidi overrides, zero-width, look-alikes, controls, line separators
  'bidi \u202Egnp.exe\u202C and \u2066isolate\u2069 and \u200Bzero\u200Dwidth',
  'ℊ𝑜𝑜𝑔𝓁𝑒 ｊａｖａｓｃｒｉｐｔ：alert(1) ＜script＞alert(1)＜／script＞',
  'nul\u0000 and bell\u0007 and escape\u001B[31m and c1\u0085\u009B',
  'line\u2028separator\u2029paragraph </script>',

  // --- template injection aimed at the site generator
  ...SSTI,
  '{{ "<img src=x onerror=alert(1)>" | safe }}',
  '{% include "../../../../../../etc/passwd" %}',
  '---\nlayout: false\npermalink: /../../pwned.html\n---',
];

/** Strings for author names, titles and board names (paths, attributes, <title>, JSON). */
export const NAME_VECTORS: string[] = [
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(1)</script>',
  '</script><script>alert(1)</script>',
  '<!--<script>',
  '{{7*7}}',
  '..',
  '%2e%2e',
  '..%2f..%2fetc',
  '\u202Etxt.exe',
  'ａｄｍｉｎ',
  'аdmin', // Cyrillic а
  '&amp;lt;b&amp;gt;',
  'javascript:alert(1)',
];

/** A piece of a hostile post body: a vector, soup, a quote of either form with soup inside, or raw bytes. */
export function hostileFragment(soup: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...BODY_VECTORS) },
    { weight: 4, arbitrary: soup },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NAME_VECTORS), soup).map(([a, s]) => quoteA(a, '2023-1-1 00:00', s, 1, 2)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NAME_VECTORS), soup).map(([a, s]) => quoteB(a, '2023-1-1 00:00', s)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );
}
