// Page titles as plain strings (escaped once, by the layout); permalinks without a template render.
export default {
  eleventyComputed: {
    permalink: (data) => '/' + data.p.path,
    pageTitle: (data) => data.p.thread.title + (data.p.page > 1 ? ` - 第${data.p.page}页` : ''),
  },
};
