/** Raw records shaped like the real producers' rows, written for these tests. */
export const rawPin = {
  index: 7,
  unique_id: "5b6d0913-25e4-43ab-839d-85d5516f78a4",
  title: "Watercolour fox",
  description: "A small fox painted in one sitting\u00a0",
  poster_name: "Studio North",
  follower_count: "12k",
  tag_list: "Watercolor,Fox,Animal Art",
  is_image_or_video: "image",
  image_src: "https://i.pinimg.com/originals/00/11/22/fox.jpg",
  downloaded: 1,
  save_location: "Local save in /data/art",
  category: "art",
};

export const rawGeo = {
  ind: 7,
  timestamp: "2020-06-01 12:30:00",
  latitude: 51.5,
  longitude: -0.12,
  country: "United Kingdom",
};

export const rawUser = {
  ind: 7,
  first_name: "Ada",
  last_name: "Lovelace",
  age: 36,
  date_joined: "2016-02-29 08:00:00",
};
