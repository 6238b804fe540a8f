// Page titles as plain strings (escaped once, by the layout).
export default {
  eleventyComputed: {
    pageTitle: (data) => data.p.thread.title + (data.p.page > 1 ? ` - 第${data.p.page}页` : ''),
  },
};
