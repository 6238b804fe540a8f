// Page titles as plain strings (escaped once, by the layout); permalinks without a template render.
export default {
  eleventyComputed: {
    permalink: (data) => `/t/${data.t.key}/floors/index.html`,
    pageTitle: (data) => `${data.t.title} - 楼层索引`,
  },
};
