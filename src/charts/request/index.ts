// The chart request a plan produces, its evidence contracts and the recipes that fetch them.
export * from "./chart-request.js";
export * from "./evidence.js";
export * from "./recipes.js";
