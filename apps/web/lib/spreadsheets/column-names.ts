// The header names people give the columns of a roster or an account list, as headerKey()
// compares them (lower case, no diacritics): Vietnamese first, the English ones too.
export const EMAIL_COLUMN = ["email", "e-mail", "thu dien tu", "dia chi email"];
export const STUDENT_CODE_COLUMN = ["ma dinh danh", "ma dinh danh hoc sinh", "ma dinh danh ca nhan", "ma hoc sinh", "ma so hoc sinh", "ma hs", "student code", "studentcode"];
export const NAME_COLUMN = ["ho va ten", "ho ten", "ten", "ho va ten hoc sinh", "name", "full name"];
export const ROLE_COLUMN = ["vai tro", "loai tai khoan", "role"];
export const SCHOOL_COLUMN = ["truong", "ten truong", "don vi", "school"];
export const DISTRICT_COLUMN = ["huyen", "quan huyen", "huyen/thi xa/thanh pho", "district"];
