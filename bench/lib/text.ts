// Chinese-looking forum text, titles and user names. The vocabulary is written here by
// hand (frequent characters and chat words); nothing is taken from the corpus.
import { Rng } from './rng.ts';

// Roughly frequency-ordered common characters: Rng.skewed favours the front.
const CHARS = [...(
  '的一是不了人我在有他这中大来上个们到说为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东海口使教西再平真听世气信北少关并内加化由却代产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切朝酒乎玩游戏楼帖哈嗯啊吧呀吗哦嘛草绷乐急典'
)];

const WORDS = [
  '感觉', '这个', '什么', '没有', '可以', '知道', '就是', '还是', '时候', '真的', '不是', '一个', '自己', '现在', '问题',
  '游戏', '动画', '主播', '老哥', '楼主', '确实', '哈哈哈', '笑死', '难绷', '好耶', '绝了', '有一说一', '属于是', '其实',
  '不过', '但是', '所以', '因为', '如果', '应该', '可能', '已经', '一下', '这种', '那种', '怎么', '为什么', '大家', '我们',
  '他们', '东西', '事情', '今天', '明天', '昨天', '晚上', '早上', '公司', '工作', '朋友', '电影', '漫画', '剧情', '角色',
  '画面', '音乐', '声优', '更新', '版本', '活动', '抽卡', '氪金', '手机', '电脑', '显卡', '价格', '便宜', '好看', '好玩',
  '无聊', '厉害', '离谱', '正常', '一样', '完全', '特别', '比较', '非常', '稍微', '直接', '然后', '最后', '开始', '结束',
  '第一', '第二', '支持', '反对', '同意', '羡慕', '期待', '担心', '习惯', '经验', '推荐', '看看', '试试', '等等', '一直',
  '外野', '泥潭', '坛友', '专楼', '回复', '截图', '链接', '视频', '直播', '弹幕', '评论', '热搜', '新闻', '消息', '官方',
];

const ASCII_TOKENS = [
  'awsl', 'yyds', 'PS5', 'Switch', 'Steam', 'PC', 'DLC', 'ok', 'gg', '233', '2333', 'xswl', 'B站', 'NGA', 'b站', 'up主',
  'app', 'bug', 'CP', 'OP', 'ED', 'PV', 'TV', '4K', '120帧', 'RTX4090', 'iPhone', 'Mac', '+1', '1', '2', '3', '10', '100',
  '2023', '2024', '50%', 'lol', 'orz', 'QAQ', 'hhh', 'emmm',
];

const PUNCT = ['，', '，', '，', '。', '。', '！', '？', '…', '～', '、', ' ', '……', '?', '!'];
const ENDS = ['', '', '', '。', '！', '？', '…', '～', '吧', '啊', '了'];

/** A run of text of about `target` characters, with punctuation. */
export function sentence(rng: Rng, target: number): string {
  let s = '';
  let sincePunct = 0;
  let nextPunct = rng.range(4, 16);
  while (s.length < target) {
    const r = rng.next();
    const tok = r < 0.5 ? WORDS[rng.skewed(WORDS.length, 1.6)] : r < 0.95 ? CHARS[rng.skewed(CHARS.length, 2.2)] : ASCII_TOKENS[rng.int(ASCII_TOKENS.length)];
    s += tok;
    sincePunct += tok.length;
    if (sincePunct >= nextPunct && s.length < target - 2) {
      s += PUNCT[rng.int(PUNCT.length)];
      sincePunct = 0;
      nextPunct = rng.range(4, 16);
    }
  }
  return s + ENDS[rng.int(ENDS.length)];
}

/** Paragraph lines for a text of `total` characters, ~15–60 characters per line. */
export function textLines(rng: Rng, total: number): string[] {
  const lines: string[] = [];
  let left = Math.max(1, Math.round(total));
  while (left > 0) {
    const n = Math.min(left, Math.max(2, Math.round(rng.logNormal(28, 0.7))));
    lines.push(sentence(rng, n));
    left -= n;
  }
  return lines;
}

/** Replace two characters by the forum's `**` censorship. */
export function censor(rng: Rng, line: string): string {
  if (line.length < 6) return line + '**';
  const at = rng.range(1, line.length - 3);
  return line.slice(0, at) + '**' + line.slice(at + 2);
}

const TITLE_TAGS = ['【讨论】', '【专楼】', '【水】', '【求助】', '【新闻】', '【吐槽】', '【分享】', '【情报】'];

/** A thread title already in file-name form: unsafe characters full-width, no brackets. */
export function title(rng: Rng): string {
  let t = sentence(rng, rng.range(5, 28)).replace(/[\s。，！…～、]+$/u, '');
  t = t.replace(/\?/g, '？').replace(/!/g, '！');
  if (rng.chance(0.12)) t = rng.pick(TITLE_TAGS) + t;
  const r = rng.next();
  if (r < 0.17) t += '？';
  else if (r < 0.25) t = sentence(rng, 4) + '：' + t;
  else if (r < 0.3) t += '／' + sentence(rng, 4);
  else if (r < 0.31) t += '&amp;' + sentence(rng, 3);
  if (t.length > 60) t = t.slice(0, 59) + '…';
  else if (rng.chance(0.02)) t += '…';
  return t.replace(/[[\]\\/:*?"<>|]/g, '');
}

const SYLLABLES = ['xiao', 'da', 'lao', 'ming', 'hua', 'long', 'yun', 'feng', 'tian', 'jun', 'hao', 'yu', 'lin', 'zi', 'chen', 'mo', 'an', 'qi', 'shi', 'wu'];
const LATIN = ['Freak', 'light', 'dog', 'cat', 'Sword', 'Breaker', 'Paradise', 'Martyr', 'shadow', 'ghost', 'kira', 'neko', 'moon', 'star', 'ash', 'zero', 'void', 'nova', 'rain', 'wind'];

/** A forum user name: latin handles, pinyin, Chinese or mixed, like the dumps show. */
export function userName(rng: Rng): string {
  const r = rng.next();
  let name: string;
  if (r < 0.3) name = rng.pick(LATIN) + (rng.chance(0.5) ? rng.pick(['_', '-', '']) + rng.pick(LATIN) : '');
  else if (r < 0.5) name = rng.pick(SYLLABLES) + rng.pick(SYLLABLES) + (rng.chance(0.6) ? String(rng.range(1, 2023)) : '');
  else if (r < 0.85) name = sentence(rng, rng.range(2, 6)).replace(/[^\p{Script=Han}]/gu, '');
  else name = sentence(rng, rng.range(2, 4)).replace(/[^\p{Script=Han}]/gu, '') + rng.range(0, 9999);
  return name.length < 2 ? name + rng.pick(LATIN) : name;
}
