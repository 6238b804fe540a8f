// Page titles as plain strings (escaped once, by the layout).
export default {
  eleventyComputed: {
    pageTitle: (data) => `${data.t.title} - 楼层索引`,
  },
};
