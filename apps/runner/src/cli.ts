console.log("pinpipe");
